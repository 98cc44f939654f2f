package dev.tollgate.testkit.simulator.bigcommerce;

import dev.tollgate.testkit.http.RequestJournal;
import dev.tollgate.testkit.log.IssuedTokens;
import dev.tollgate.testkit.simulator.TokenEndpointFaults;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * BigCommerce as providers/bigcommerce/PROTOCOL.md describes it, one resource for the four
 * hosts (serve it on a loopback server per host to get their origins):
 * <ul>
 *   <li>API host: {@code /stores/{hash}/v3/catalog/products} with {@code X-Auth-Token};
 *       {@code GET /stores/{hash}/v2/store} (store information: 403 without its scope, v2 errors);
 *       {@code POST /stores/{hash}/v3/storefront/api-token} (X-Auth-Token; {@code expires_at}
 *       required) answers {@code {"data":{"token":"<JWT>"},"meta":{}}};
 *       {@code POST /stores/{hash}/v3/payments/access_tokens} ({@code {"order":{"id"}}}) answers
 *       201 {@code {"data":{"id":"<token>"},"meta":{}}};</li>
 *   <li>payments host: {@code POST /stores/{hash}/payments} with {@code Authorization: PAT <token>}
 *       and {@code Accept: application/vnd.bc.v1+json}; a payment access token works once;</li>
 *   <li>storefront host: {@code POST /graphql} with the storefront token as Bearer, and the REST
 *       Storefront API {@code /api/storefront/cart}, which takes no token at all;</li>
 *   <li>login host (login.bigcommerce.com): {@code POST /oauth2/token}, where an app exchanges the
 *       code of an install ({@link #install}) for the store's access token;
 *       the token then works on the API host as a fixture store's does, until the next exchange for
 *       the store and app replaces it or {@link #uninstall} revokes it.</li>
 * </ul>
 * Errors: v3 {@code {"status", "title", "type", "detail"}}, 401 for missing or invalid credentials;
 * the login host answers as an RFC 6749 §5.2 server ({@code {"error", "error_description"}}).
 */
@Path("/")
public class BigCommerceSimulator {

    private static final Jsonb JSON = JsonbBuilder.create();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern STORE_HASH = Pattern.compile("[A-Za-z0-9]{1,64}");

    private final Map<String, String> tokenByStore = new ConcurrentHashMap<>();
    private final Map<String, Instant> storefrontTokens = new ConcurrentHashMap<>();
    private final Map<String, Long> paymentTokens = new ConcurrentHashMap<>();
    private final Clock clock;
    private final RequestJournal journal;
    private final TokenEndpointFaults faults = new TokenEndpointFaults();
    private final AtomicInteger tokenRequests = new AtomicInteger();
    private final Set<String> withoutInformationScope = ConcurrentHashMap.newKeySet();
    private final BigCommerceApps apps = new BigCommerceApps();
    private final AppInstalls installs = new AppInstalls();
    private final LoginCodes codes;
    private final LoginService login;
    private final SignedPayloads payloads;

    public BigCommerceSimulator(Clock clock, RequestJournal journal) {
        this.clock = clock;
        this.journal = journal;
        this.codes = new LoginCodes(clock);
        this.login = new LoginService(apps, codes, installs);
        this.payloads = new SignedPayloads(clock);
        tokenByStore.put(BigCommerceFixture.STORE_A_HASH, BigCommerceFixture.STORE_A_TOKEN);
        tokenByStore.put(BigCommerceFixture.STORE_B_HASH, BigCommerceFixture.STORE_B_TOKEN);
    }

    public record Problem(int status, String title, String type, String detail) {
    }

    public record StorefrontRequest(Integer channel_id, Long expires_at, List<String> allowed_cors_origins) {
    }

    public record PaymentTokenRequest(Order order) {
    }

    public record Order(Long id, Boolean is_recurring) {
    }

    /**
     * Store information (v2), which an API account reads only with the store information scope.
     * v2 errors are a JSON array of {@code {"status", "message"}}.
     */
    @GET
    @Path("stores/{hash}/v2/store")
    public Response store(@PathParam("hash") String hash, @Context HttpHeaders headers, @Context UriInfo uri) {
        Response response;
        if (!storeAuthorized(hash, headers)) {
            response = v2Error(401, "You are not authorized to access this resource.");
        } else if (withoutInformationScope.contains(hash)) {
            response = v2Error(403, "You don't have a required scope to access the endpoint");
        } else {
            response = ok("{\"id\":\"" + hash + "\",\"domain\":\"" + hash + ".mybigcommerce.com\",\"name\":\"Simulated store "
                    + hash + "\"}", 200);
        }
        return recorded("GET", uri, headers, response);
    }

    // ---- the login service (login.bigcommerce.com) and app installs ----

    /**
     * Registers an app as the Developer Portal does: its client id and secret (the secret signs its
     * callbacks' {@code signed_payload_jwt}) and its auth callback URL (the only {@code redirect_uri}
     * its codes are exchanged with). Registering a known client id again replaces its secret and URL;
     * codes already issued stay bound to the URL they were issued with. The fixture app
     * ({@link BigCommerceFixture#APP_CLIENT_ID}) is registered from the start without an auth
     * callback URL: it gets signed payloads, but {@link #install} refuses it until this gives it one.
     */
    public BigCommerceSimulator registerApp(String clientId, String clientSecret, String authCallbackUrl) {
        apps.register(clientId, clientSecret, Objects.requireNonNull(authCallbackUrl, "authCallbackUrl"));
        return this;
    }

    /**
     * A merchant installs (or re-installs) the registered app {@code clientId} on store
     * {@code storeHash} (created if new) with {@code scope}: a fresh single-use, short-lived code
     * bound to the store, the app and its redirect URI; the exchange will issue a new access token
     * for the store and app (a re-install's replaces the previous one, which stops working).
     *
     * @throws IllegalArgumentException for an unknown app or a store hash that is not {@code [A-Za-z0-9]{1,64}}
     * @throws IllegalStateException for an app registered without an auth callback URL
     */
    public AuthCallback install(String clientId, String storeHash, String scope) {
        BigCommerceApps.App app = apps.existing(clientId);
        checkStoreHash(storeHash);
        if (scope == null || scope.isBlank()) {
            throw new IllegalArgumentException("an app is installed with at least one scope");
        }
        String redirectUri = app.callbackUrl().orElseThrow(() -> new IllegalStateException(
                "app " + clientId + " has no auth callback URL: registerApp(clientId, secret, authCallbackUrl) first"));
        installs.install(clientId, storeHash, scope);
        LoginCodes.Grant grant = codes.issue(clientId, storeHash, scope, redirectUri);
        return new AuthCallback(grant.code(), scope, grant.context(), app.accountUuid());
    }

    /**
     * The merchant uninstalls the app from the store: its token stops working at once, and codes not
     * exchanged yet are refused; the answer is the {@code signed_payload_jwt} BigCommerce sends to
     * the app's uninstall callback, signed by the store's owner.
     *
     * @throws IllegalStateException if the app is not installed in the store (BigCommerce would send nothing)
     */
    public String uninstall(String clientId, String storeHash) {
        BigCommerceApps.App app = apps.existing(clientId);
        if (!installs.uninstall(clientId, storeHash)) {
            throw new IllegalStateException("app " + clientId + " is not installed in store " + storeHash);
        }
        codes.dropFor(clientId, storeHash);
        StoreUser owner = StoreUser.ownerOf(storeHash);
        return payloads.sign(app, storeHash, owner.id(), owner.email());
    }

    /**
     * A {@code signed_payload_jwt} as BigCommerce signs it for the app's load or remove_user
     * callback: HS256 with the app's secret, {@code iss "bc"}, {@code aud} the client id,
     * {@code sub "stores/{hash}"}, {@code user}, {@code owner}, a fresh {@code jti}, 24 hours.
     * Signed whether or not the app is installed in the store, so a test can send one for a store the
     * application does not know.
     */
    public String signedPayload(String clientId, String storeHash, long userId, String userEmail) {
        checkStoreHash(storeHash);
        return payloads.sign(apps.existing(clientId), storeHash, userId, userEmail);
    }

    /** The store's current access token for the app, if the app is installed there and its code was exchanged. */
    public Optional<String> accessToken(String clientId, String storeHash) {
        return installs.token(clientId, storeHash);
    }

    /** The app is installed in the store (installed and not uninstalled since), its code exchanged or not. */
    public boolean installed(String clientId, String storeHash) {
        return installs.installed(clientId, storeHash);
    }

    /** Requests that reached {@code POST /oauth2/token}, answered, refused or faulted. */
    public int loginRequests() {
        return login.requests();
    }

    /** Faults for {@code POST /oauth2/token} (in RFC 6749's error shape, {@code Retry-After} on a 429). */
    public TokenEndpointFaults loginFaults() {
        return login.faults();
    }

    /** How long a code lives from its install, on the simulator's clock (default 30 seconds). */
    public BigCommerceSimulator codeLifetime(Duration lifetime) {
        codes.lifetime(lifetime);
        return this;
    }

    /** The login service's token endpoint (login.bigcommerce.com): see {@link LoginService}. */
    @POST
    @Path("oauth2/token")
    public Response exchangeCode(String body, @Context HttpHeaders headers, @Context UriInfo uri) {
        return recorded("POST", uri, headers, login.exchange(body));
    }

    /** The store's API account was created without the store information scope: reading it is a 403. */
    public BigCommerceSimulator withoutInformationScope(String hash) {
        withoutInformationScope.add(hash);
        return this;
    }

    @GET
    @Path("stores/{hash}/v3/catalog/products")
    public Response products(@PathParam("hash") String hash, @Context HttpHeaders headers, @Context UriInfo uri) {
        Response response = storeAuthorized(hash, headers) ? ok("{\"data\":[],\"meta\":{}}", 200) : problem(401, "Unauthorized");
        return recorded("GET", uri, headers, response);
    }

    /** Faults for the storefront-token endpoint, the one BigCommerce token that expires. */
    public TokenEndpointFaults faults() {
        return faults;
    }

    /** Storefront-token requests that reached the endpoint, faulted or not. */
    public int tokenRequests() {
        return tokenRequests.get();
    }

    @POST
    @Path("stores/{hash}/v3/storefront/api-token")
    public Response storefrontToken(@PathParam("hash") String hash, String body, @Context HttpHeaders headers, @Context UriInfo uri) {
        tokenRequests.incrementAndGet();
        Response response;
        StorefrontRequest request = parse(body, StorefrontRequest.class);
        // BigCommerce says how long to wait in X-Retry-After (seconds), not the standard Retry-After
        Optional<Response> fault = faults.applyNext(status -> problem(status, status == 429 ? "Too Many Requests" : "Server Error"),
                "X-Retry-After");
        if (fault.isPresent()) {
            response = fault.get();
        } else if (!storeAuthorized(hash, headers)) {
            response = problem(401, "Unauthorized");
        } else if (request == null || request.expires_at() == null || request.expires_at() <= clock.instant().getEpochSecond()) {
            response = problem(422, "expires_at is required and must be in the future");
        } else {
            Instant expires = Instant.ofEpochSecond(request.expires_at());
            String token = IssuedTokens.record(jwt("{\"cid\":" + (request.channel_id() == null ? 1 : request.channel_id())
                    + ",\"eat\":" + request.expires_at() + ",\"sub\":\"" + hash + "\"}"));
            storefrontTokens.put(token, expires);
            response = ok("{\"data\":{\"token\":\"" + token + "\"},\"meta\":{}}", 200);
        }
        return recorded("POST", uri, headers, response);
    }

    /** Revokes a storefront token: {@code Sf-Api-Token} names it. */
    @DELETE
    @Path("stores/{hash}/v3/storefront/api-token")
    public Response revokeStorefrontToken(@PathParam("hash") String hash, @Context HttpHeaders headers, @Context UriInfo uri) {
        Response response;
        if (!storeAuthorized(hash, headers)) {
            response = problem(401, "Unauthorized");
        } else {
            String token = headers.getHeaderString("Sf-Api-Token");
            response = token != null && storefrontTokens.remove(token) != null ? Response.noContent().build() : problem(404, "Not Found");
        }
        return recorded("DELETE", uri, headers, response);
    }

    @POST
    @Path("stores/{hash}/v3/payments/access_tokens")
    public Response paymentToken(@PathParam("hash") String hash, String body, @Context HttpHeaders headers, @Context UriInfo uri) {
        Response response;
        PaymentTokenRequest request = parse(body, PaymentTokenRequest.class);
        if (!storeAuthorized(hash, headers)) {
            response = problem(401, "Unauthorized");
        } else if (request == null || request.order() == null || request.order().id() == null) {
            response = problem(422, "order.id is required");
        } else {
            String token = IssuedTokens.record(random(32));
            paymentTokens.put(token, request.order().id());
            response = ok("{\"data\":{\"id\":\"" + token + "\"},\"meta\":{}}", 201);
        }
        return recorded("POST", uri, headers, response);
    }

    @POST
    @Path("stores/{hash}/payments")
    public Response pay(@PathParam("hash") String hash, @Context HttpHeaders headers, @Context UriInfo uri) {
        String authorization = Optional.ofNullable(headers.getHeaderString(HttpHeaders.AUTHORIZATION)).orElse("");
        boolean accept = Optional.ofNullable(headers.getHeaderString(HttpHeaders.ACCEPT)).orElse("").contains("application/vnd.bc.v1+json");
        // single use: the token is gone once presented
        Long order = authorization.startsWith("PAT ") ? paymentTokens.remove(authorization.substring(4)) : null;
        Response response = order == null ? problem(401, "Unauthorized")
                : !accept ? problem(415, "Accept must be application/vnd.bc.v1+json")
                : ok("{\"data\":{\"id\":\"pay-" + order + "\",\"status\":\"success\"}}", 201);
        return recorded("POST", uri, headers, response);
    }

    @POST
    @Path("graphql")
    public Response graphql(@Context HttpHeaders headers, @Context UriInfo uri) {
        String authorization = Optional.ofNullable(headers.getHeaderString(HttpHeaders.AUTHORIZATION)).orElse("");
        Instant expiry = authorization.startsWith("Bearer ") ? storefrontTokens.get(authorization.substring(7)) : null;
        Response response = expiry != null && clock.instant().isBefore(expiry)
                ? ok("{\"data\":{\"site\":{\"settings\":{\"storeName\":\"Simulated\"}}}}", 200) : problem(401, "Unauthorized");
        return recorded("POST", uri, headers, response);
    }

    @GET
    @Path("api/storefront/cart")
    public Response cart(@Context HttpHeaders headers, @Context UriInfo uri) {
        return recorded("GET", uri, headers, ok("[]", 200));
    }

    private boolean storeAuthorized(String hash, HttpHeaders headers) {
        String presented = headers.getHeaderString("X-Auth-Token");
        String expected = tokenByStore.get(hash);
        // a store's own API account token, or the token of an app installed in it
        return expected != null && expected.equals(presented) || installs.authorizes(hash, presented);
    }

    private static void checkStoreHash(String storeHash) {
        if (storeHash == null || !STORE_HASH.matcher(storeHash).matches()) {
            throw new IllegalArgumentException("a store hash is 1 to 64 letters and digits");
        }
    }

    private Response recorded(String method, UriInfo uri, HttpHeaders headers, Response response) {
        journal.record(method, uri.getPath(), headers, response.getStatus());
        return response;
    }

    private static Response ok(String json, int status) {
        return Response.status(status).entity(json).type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    private static Response v2Error(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity("[{\"status\":" + status + ",\"message\":\"" + message.replace("\"", "\\\"") + "\"}]").build();
    }

    private static Response problem(int status, String title) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(JSON.toJson(new Problem(status, title, "https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes",
                        title))).build();
    }

    private static <T> T parse(String body, Class<T> type) {
        try {
            return body == null || body.isBlank() ? null : JSON.fromJson(body, type);
        } catch (JsonbException e) {
            return null;
        }
    }

    private static String jwt(String claims) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"typ\":\"JWT\",\"alg\":\"ES256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "." + random(48);
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
