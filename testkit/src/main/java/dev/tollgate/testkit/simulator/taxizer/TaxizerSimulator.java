package dev.tollgate.testkit.simulator.taxizer;

import dev.tollgate.testkit.http.RequestJournal;
import dev.tollgate.testkit.log.IssuedTokens;
import dev.tollgate.testkit.simulator.TokenEndpointFaults;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Taxizer's auth API as providers/taxizer/PROTOCOL.md describes it, under {@code /taxizer}:
 * <ul>
 *   <li>{@code POST v1/Auth/Connect} {@code {"clientId","clientSecret"}}: 200 with a JWT and a
 *       refresh token and their ISO-8601 UTC expiries; 400 for a wrong client id or secret;</li>
 *   <li>{@code POST v1/Auth/AppRefreshToken} {@code {"refreshToken"}}: the same shape with a new
 *       JWT AND a new refresh token; the used refresh token stops working (rotation);</li>
 *   <li>{@code GET v1/Products} takes {@code Authorization: Bearer <jwtToken>}.</li>
 * </ul>
 * Assumed, because Taxizer does not publish them: token lifetimes (constructor arguments), 400
 * for a reused or expired refresh token, 401 for a bad Bearer token, and the error body
 * {@code {"message": "..."}}.
 */
@Path("/taxizer")
public class TaxizerSimulator {

    private static final Jsonb JSON = JsonbBuilder.create();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Clock clock;
    private final RequestJournal journal;
    private final Duration jwtLifetime;
    private final Duration refreshLifetime;
    private final TokenEndpointFaults faults = new TokenEndpointFaults();
    private final AtomicInteger connects = new AtomicInteger();
    private final AtomicInteger refreshes = new AtomicInteger();
    private final AtomicInteger refusedRefreshes = new AtomicInteger();
    private final Map<String, Instant> jwts = new ConcurrentHashMap<>();
    private final Map<String, Instant> refreshTokens = new ConcurrentHashMap<>();

    public TaxizerSimulator(Clock clock, RequestJournal journal, Duration jwtLifetime, Duration refreshLifetime) {
        this.clock = clock;
        this.journal = journal;
        this.jwtLifetime = jwtLifetime;
        this.refreshLifetime = refreshLifetime;
    }

    public record Session(String appId, String appName, String accountId, String accountName, String username,
                          String jwtToken, String jwtTokenExpireAtUTC, String refreshToken, String refreshTokenExpireAtUTC) {
    }

    public record Message(String message) {
    }

    public record ConnectBody(String clientId, String clientSecret) {
    }

    public record RefreshBody(String refreshToken) {
    }

    public TokenEndpointFaults faults() {
        return faults;
    }

    /** Connect requests that reached the endpoint, faulted or not. */
    public int connects() {
        return connects.get();
    }

    /** AppRefreshToken requests that reached the endpoint, faulted or not. */
    public int refreshes() {
        return refreshes.get();
    }

    /** Refresh requests refused because the refresh token was unknown, already used or expired. */
    public int refusedRefreshes() {
        return refusedRefreshes.get();
    }

    public void revoke(String jwt) {
        jwts.remove(jwt);
    }

    @POST
    @Path("v1/Auth/Connect")
    public Response connect(String body, @Context HttpHeaders headers, @Context UriInfo uri) {
        connects.incrementAndGet();
        Response response = faults.applyNext(TaxizerSimulator::error).orElseGet(() -> {
            ConnectBody login = parse(body, ConnectBody.class);
            if (login == null || !TaxizerFixture.ACME_CLIENT_ID.equals(login.clientId())
                    || !TaxizerFixture.ACME_CLIENT_SECRET.equals(login.clientSecret())) {
                return error(400, "clientId or clientSecret is wrong");
            }
            return session();
        });
        journal.record("POST", uri.getPath(), headers, response.getStatus());
        return response;
    }

    @POST
    @Path("v1/Auth/AppRefreshToken")
    public Response refresh(String body, @Context HttpHeaders headers, @Context UriInfo uri) {
        refreshes.incrementAndGet();
        Response response = faults.applyNext(TaxizerSimulator::error).orElseGet(() -> {
            RefreshBody refresh = parse(body, RefreshBody.class);
            // rotation: a refresh token works once; remove() makes two concurrent uses fail the second
            Instant expiry = refresh == null || refresh.refreshToken() == null ? null : refreshTokens.remove(refresh.refreshToken());
            if (expiry == null || !clock.instant().isBefore(expiry)) {
                refusedRefreshes.incrementAndGet();
                return error(400, "The refresh token is invalid or has expired");
            }
            return session();
        });
        journal.record("POST", uri.getPath(), headers, response.getStatus());
        return response;
    }

    @GET
    @Path("v1/Products")
    public Response products(@Context HttpHeaders headers, @Context UriInfo uri) {
        String authorization = headers.getHeaderString(HttpHeaders.AUTHORIZATION);
        String token = authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7) : null;
        Instant expiry = token == null ? null : jwts.get(token);
        Response response = expiry != null && clock.instant().isBefore(expiry)
                ? Response.ok("{\"items\":[]}", MediaType.APPLICATION_JSON_TYPE).build()
                : error(401, "Unauthorized");
        journal.record("GET", uri.getPath(), headers, response.getStatus());
        return response;
    }

    private Response session() {
        Instant now = clock.instant();
        String jwt = IssuedTokens.record("eyJ" + random(120));
        String refresh = IssuedTokens.record(random(48));
        jwts.put(jwt, now.plus(jwtLifetime));
        refreshTokens.put(refresh, now.plus(refreshLifetime));
        Session session = new Session("app-1", "Acme Tax Sync", "acct-9", "Acme", "acme-api",
                jwt, now.plus(jwtLifetime).toString(), refresh, now.plus(refreshLifetime).toString());
        return Response.ok(JSON.toJson(session), MediaType.APPLICATION_JSON_TYPE).build();
    }

    private static Response error(int status) {
        return error(status, status == 429 ? "Too many requests" : "Service unavailable");
    }

    private static Response error(int status, String message) {
        return Response.status(status).entity(JSON.toJson(new Message(message))).type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    private static <T> T parse(String body, Class<T> type) {
        try {
            return body == null || body.isBlank() ? null : JSON.fromJson(body, type);
        } catch (JsonbException e) {
            return null;
        }
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
