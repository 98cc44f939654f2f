package dev.tollgate.testkit.simulator.bigcommerce;

import dev.tollgate.testkit.simulator.TokenEndpointFaults;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code POST /oauth2/token} of login.bigcommerce.com: an app exchanges the code its auth callback
 * received for the store's permanent access token. The request is a JSON object with
 * {@code client_id, client_secret, code, scope, grant_type=authorization_code, redirect_uri,
 * context}; the code must be the app's, unused, unexpired, issued with exactly this
 * {@code redirect_uri} and for the store {@code context} names.
 */
final class LoginService {

    private static final Jsonb JSON = JsonbBuilder.create();

    /** Public: Yasson cannot read or write package-private records. */
    public record TokenRequest(String client_id, String client_secret, String code, String scope, String grant_type,
                               String redirect_uri, String context) {

        @Override
        public String toString() {
            return "TokenRequest[" + client_id + ", " + context + "]"; // never the secret or the code
        }
    }

    public record User(long id, String username, String email) {
    }

    public record TokenAnswer(String access_token, String scope, User user, User owner, String context, String account_uuid) {

        @Override
        public String toString() {
            return "TokenAnswer[" + context + ", " + scope + "]";
        }
    }

    private final BigCommerceApps apps;
    private final LoginCodes codes;
    private final AppInstalls installs;
    private final TokenEndpointFaults faults = new TokenEndpointFaults();
    private final AtomicInteger requests = new AtomicInteger();

    LoginService(BigCommerceApps apps, LoginCodes codes, AppInstalls installs) {
        this.apps = apps;
        this.codes = codes;
        this.installs = installs;
    }

    TokenEndpointFaults faults() {
        return faults;
    }

    int requests() {
        return requests.get();
    }

    Response exchange(String body) {
        requests.incrementAndGet();
        // a fault fires whatever the request holds, before anything is checked or used up
        Optional<Response> fault = faults.applyNext(LoginErrors::fault);
        if (fault.isPresent()) {
            return fault.get();
        }
        TokenRequest request = parse(body);
        if (request == null) {
            return LoginErrors.invalidRequest("The request body must be a JSON object");
        }
        Optional<String> missing = firstMissing(request);
        if (missing.isPresent()) {
            return LoginErrors.invalidRequest("Missing parameter: " + missing.get());
        }
        Optional<BigCommerceApps.App> app = apps.byClientId(request.client_id())
                .filter(a -> sameSecret(a.clientSecret(), request.client_secret()));
        if (app.isEmpty()) {
            return LoginErrors.invalidClient();
        }
        if (!"authorization_code".equals(request.grant_type())) {
            return LoginErrors.unsupportedGrantType();
        }
        // used up now, whatever follows: a code gets one try (a client cannot probe redirect URIs with it)
        Optional<LoginCodes.Grant> redeemed = codes.redeem(request.code(), request.client_id());
        if (redeemed.isEmpty()) {
            return LoginErrors.invalidGrant("The authorization code is invalid or was already used");
        }
        LoginCodes.Grant grant = redeemed.get();
        if (codes.expired(grant)) {
            return LoginErrors.invalidGrant("The authorization code has expired");
        }
        // exact string comparison, as OAuth servers compare redirect URIs (RFC 6749 §4.1.3)
        if (!grant.redirectUri().equals(request.redirect_uri())) {
            return LoginErrors.invalidGrant("redirect_uri does not match the one the code was issued for");
        }
        if (!grant.context().equals(request.context())) {
            return LoginErrors.invalidGrant("context does not match the store the code was issued for");
        }
        Optional<String> token = installs.issueToken(grant.clientId(), grant.storeHash(), grant.scope());
        if (token.isEmpty()) {
            return LoginErrors.invalidGrant("The app is no longer installed in this store");
        }
        StoreUser owner = StoreUser.ownerOf(grant.storeHash());
        User user = new User(owner.id(), owner.username(), owner.email());
        TokenAnswer answer = new TokenAnswer(token.get(), grant.scope(), user, user, grant.context(), app.get().accountUuid());
        return Response.ok(JSON.toJson(answer), MediaType.APPLICATION_JSON_TYPE).header("Cache-Control", "no-store").build();
    }

    private static TokenRequest parse(String body) {
        try {
            return body == null || body.isBlank() ? null : JSON.fromJson(body, TokenRequest.class);
        } catch (JsonbException | ClassCastException e) {
            return null;
        }
    }

    private static Optional<String> firstMissing(TokenRequest r) {
        Map<String, String> required = new LinkedHashMap<>();
        required.put("client_id", r.client_id());
        required.put("client_secret", r.client_secret());
        required.put("code", r.code());
        required.put("scope", r.scope());
        required.put("grant_type", r.grant_type());
        required.put("redirect_uri", r.redirect_uri());
        required.put("context", r.context());
        return required.entrySet().stream().filter(e -> e.getValue() == null || e.getValue().isBlank()).map(Map.Entry::getKey).findFirst();
    }

    private static boolean sameSecret(String expected, String presented) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }
}
