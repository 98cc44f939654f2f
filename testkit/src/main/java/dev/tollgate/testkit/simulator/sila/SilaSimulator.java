package dev.tollgate.testkit.simulator.sila;

import dev.tollgate.testkit.http.RequestJournal;
import dev.tollgate.testkit.simulator.TokenEndpointFaults;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Sila's API as providers/sila/PROTOCOL.md describes it, under {@code /sila/{environment}/0.2} where
 * the environment is {@code sandbox} or {@code production}, each with its own app registrations.
 * <ul>
 *   <li>{@code POST auth_token}: {@code Authorization: Basic base64(client_id:client_secret)} and
 *       {@code {"header":{"created","app_handle","version","reference"}}} ({@code auth_handle} is
 *       accepted as the older name) give
 *       {@code {"success":true,"access_token":{"token","expiration","expiration_dt"}}}; 8-hour
 *       tokens, with the 30-minute reuse rule kept by {@link SilaTokens}.</li>
 *   <li>{@code POST check_handle} stands for every other endpoint: {@code Authorization: Bearer}
 *       only, with the five documented error messages in {@code {"success":false,"message",
 *       "status":"FAILURE"}}.</li>
 * </ul>
 * Assumed, because Sila does not publish them: the auth_token error body
 * {@code {"success":false,"message"}} and its messages; 400 for a body that is not the JSON
 * header; 401 "The auth token is invalid." for a missing Authorization header or another scheme;
 * the {@code RateLimit-Limit} value sent with a scheduled 429.
 */
@Path("/sila/{environment}/0.2")
public class SilaSimulator {

    static final String EXPIRED = "The auth token provided has expired.";
    static final String INVALID = "The auth token is invalid.";
    static final String BASIC_REFUSED = "Permission to auth this resource has been denied.";
    static final String NOT_ENCODED = "The Authorization: Bearer string is not properly encoded; it must be a base64-encoded ASCII string.";

    private static final Pattern BASIC = Pattern.compile("(?i)Basic\\s+(\\S+)");
    private static final Pattern BEARER = Pattern.compile("(?i)Bearer\\s+(.*)");
    // base64 (standard or url-safe) and the dots of a JWT: what Sila calls "properly encoded"
    private static final Pattern ENCODED = Pattern.compile("[A-Za-z0-9+/_\\-.]+=*");
    private static final Jsonb JSON = JsonbBuilder.create();

    private final SilaApps apps;
    private final SilaTokens tokens;
    private final Clock clock;
    private final RequestJournal journal;
    private final TokenEndpointFaults faults = new TokenEndpointFaults();
    private final AtomicInteger tokenRequests = new AtomicInteger();

    public SilaSimulator(SilaApps apps, Clock clock, RequestJournal journal) {
        this(apps, clock, journal, SilaTokens.LIFETIME);
    }

    /**
     * A Sila whose tokens live {@code tokenLifetime} instead of 8 hours, for tests that watch many
     * renewals in a short run; the 30-minute reuse rule is kept as it is, so a token shorter than
     * that is never handed out twice.
     */
    public SilaSimulator(SilaApps apps, Clock clock, RequestJournal journal, Duration tokenLifetime) {
        this.apps = apps;
        this.tokens = new SilaTokens(clock, tokenLifetime);
        this.clock = clock;
        this.journal = journal;
    }

    public record AccessToken(String token, long expiration, String expiration_dt) {
    }

    public record TokenIssued(boolean success, AccessToken access_token) {
    }

    /** Sila's error body; {@code status} is left out (null) on auth_token, which has none. */
    public record Failure(boolean success, String message, String status) {
    }

    public record Success(boolean success, String status, String message) {
    }

    private record ClientCredentials(String clientId, String clientSecret) {

        @Override
        public String toString() {
            return "ClientCredentials[" + clientId + "]";
        }
    }

    public TokenEndpointFaults faults() {
        return faults;
    }

    /** Requests that reached auth_token, faulted or not. */
    public int tokenRequests() {
        return tokenRequests.get();
    }

    /** The token stops working at once, as if Sila had invalidated it. */
    public void revoke(String token) {
        tokens.revoke(token);
    }

    @POST
    @Path("auth_token")
    public Response authToken(@PathParam("environment") String environment, String body,
                              @Context HttpHeaders headers, @Context UriInfo uri) {
        tokenRequests.incrementAndGet();
        Response response = faults.applyNext(SilaSimulator::faultResponse)
                .orElseGet(() -> issue(environment, body, headers));
        journal.record("POST", uri.getPath(), headers, response.getStatus());
        return response;
    }

    @POST
    @Path("check_handle")
    public Response checkHandle(@PathParam("environment") String environment, String body,
                                @Context HttpHeaders headers, @Context UriInfo uri) {
        Response response;
        Optional<Map<?, ?>> header = requestHeader(body);
        if (!apps.knowsEnvironment(environment)) {
            response = failure(404, "Not found.", "FAILURE");
        } else {
            response = refusal(environment, header.map(SilaSimulator::appHandle).orElse(null), headers)
                    .orElseGet(() -> header.isEmpty()
                            ? failure(400, "The request body must be a JSON object with a header.", "FAILURE")
                            : handleAvailable(header.get()));
        }
        journal.record("POST", uri.getPath(), headers, response.getStatus());
        return response;
    }

    private Response issue(String environment, String body, HttpHeaders headers) {
        if (!apps.knowsEnvironment(environment)) {
            return failure(404, "Not found.", null);
        }
        Optional<SilaApps.App> app = basicCredentials(headers).flatMap(c -> apps.byClientId(environment, c.clientId())
                .filter(a -> a.clientSecret().equals(c.clientSecret())));
        if (app.isEmpty()) {
            return failure(401, "Invalid client credentials.", null);
        }
        Optional<Map<?, ?>> header = requestHeader(body);
        if (header.isEmpty()) {
            return failure(400, "The request body must be a JSON object with a header.", null);
        }
        if (!app.get().appHandle().equals(appHandle(header.get()))) {
            return failure(401, "The app handle does not belong to these client credentials.", null);
        }
        SilaTokens.Issued issued = tokens.tokenFor(environment, app.get().appHandle());
        AccessToken token = new AccessToken(issued.token(), issued.expiresAt().getEpochSecond(),
                issued.expiresAt().toString());
        return Response.ok(JSON.toJson(new TokenIssued(true, token)), MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** Why a protected endpoint refuses the request, in the order Sila's messages suggest. */
    private Optional<Response> refusal(String environment, String requestedAppHandle, HttpHeaders headers) {
        String authorization = headers.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization == null) {
            return Optional.of(failure(401, INVALID, "FAILURE"));
        }
        if (BASIC.matcher(authorization.trim()).matches()) {
            return Optional.of(failure(403, BASIC_REFUSED, "FAILURE"));
        }
        var bearer = BEARER.matcher(authorization.trim());
        if (!bearer.matches()) {
            return Optional.of(failure(401, INVALID, "FAILURE"));
        }
        if (!ENCODED.matcher(bearer.group(1)).matches()) {
            return Optional.of(failure(403, NOT_ENCODED, "FAILURE"));
        }
        Optional<SilaTokens.Issued> issued = tokens.find(bearer.group(1));
        if (issued.isPresent() && !issued.get().environment().equals(environment)) {
            return Optional.of(failure(403, INVALID, "FAILURE")); // sandbox token on production or the reverse
        }
        if (issued.isEmpty()
                || (requestedAppHandle != null && !requestedAppHandle.equals(issued.get().appHandle()))) {
            return Optional.of(failure(401, INVALID, "FAILURE"));
        }
        if (issued.get().expiredAt(Instant.now(clock))) {
            return Optional.of(failure(401, EXPIRED, "FAILURE"));
        }
        return Optional.empty();
    }

    private static Response handleAvailable(Map<?, ?> header) {
        Object userHandle = header.get("user_handle");
        String message = (userHandle instanceof String h ? h : "The handle") + " is available.";
        return Response.ok(JSON.toJson(new Success(true, "SUCCESS", message)), MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** The {@code header} object of a Sila request body, or empty when the body is not one. */
    private static Optional<Map<?, ?>> requestHeader(String body) {
        try {
            Map<?, ?> parsed = JSON.fromJson(body, Map.class);
            return parsed != null && parsed.get("header") instanceof Map<?, ?> h ? Optional.of(h) : Optional.empty();
        } catch (JsonbException | IllegalArgumentException | NullPointerException notJson) {
            return Optional.empty();
        }
    }

    private static String appHandle(Map<?, ?> header) {
        Object handle = header.get("app_handle");
        if (handle == null) {
            handle = header.get("auth_handle"); // the field's name in older Sila material
        }
        return handle instanceof String s ? s : null;
    }

    /** The credentials of {@code Authorization: Basic}, or empty when absent or broken. */
    private static Optional<ClientCredentials> basicCredentials(HttpHeaders headers) {
        String authorization = headers.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization == null) {
            return Optional.empty();
        }
        var basic = BASIC.matcher(authorization.trim());
        if (!basic.matches()) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(basic.group(1)), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? Optional.empty()
                    : Optional.of(new ClientCredentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    /** A scheduled fault in Sila's auth_token error shape; a 429 carries Sila's rate-limit headers. */
    private static Response faultResponse(int status) {
        Response response = failure(status, status == 429 ? "Rate limit exceeded." : "Simulated failure.", null);
        if (status != 429) {
            return response;
        }
        return Response.fromResponse(response)
                .header("RateLimit-Limit", 20)
                .header("RateLimit-Remaining", 0)
                .build();
    }

    private static Response failure(int status, String message, String silaStatus) {
        return Response.status(status)
                .entity(JSON.toJson(new Failure(false, message, silaStatus)))
                .type(MediaType.APPLICATION_JSON_TYPE)
                .build();
    }
}
