package dev.tollgate.testkit.simulator.oauth2;

import dev.tollgate.testkit.http.RequestJournal;
import dev.tollgate.testkit.simulator.FormBody;
import dev.tollgate.testkit.simulator.TokenEndpointFaults;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A generic OAuth 2.0 authorization server and protected resource (RFC 6749, RFC 6750) under
 * {@code /oauth2}, for the "any OAuth2 API" provider (providers/oauth2/PROTOCOL.md); the facts the
 * vendors' documentation shares (refresh tokens that rotate) apply.
 * <ul>
 *   <li>{@code POST token} (form): {@code client_credentials} (optional {@code scope},
 *       {@code audience}) and {@code refresh_token}; client authentication by
 *       {@code client_secret_basic} or {@code client_secret_post} ({@link ClientAuthentication}),
 *       or by a JWT assertion, {@code private_key_jwt} or {@code client_secret_jwt}
 *       ({@link AssertionVerifier}), whichever the client is registered for. 200 is the §5.1 body with
 *       {@code Cache-Control: no-store}; errors are §5.2 ({@link OAuth2Errors}).</li>
 *   <li>A rotating client gets a new refresh token on every refresh and the one used becomes
 *       invalid: presenting it again is 400 {@code invalid_grant}. A non-rotating client keeps
 *       its refresh token, and the refresh response carries none.</li>
 *   <li>{@code GET api/resource} wants {@code Authorization: Bearer}: 200 {@code {"ok":true}},
 *       or 401 with {@code WWW-Authenticate: Bearer error="invalid_token"}.</li>
 * </ul>
 * Choices the RFC leaves open, made here: without {@code scope} the client gets all its
 * scopes; {@code scope} is always echoed in the response; {@code audience} is accepted and not
 * checked; refresh tokens do not expire; refreshing for a client registered without refresh
 * tokens is 400 {@code unauthorized_client}.
 */
@Path("/oauth2")
public class OAuth2Simulator {

    private static final Pattern BEARER = Pattern.compile("(?i)Bearer\\s+(\\S+)");
    private static final Jsonb JSON = JsonbBuilder.create();

    private final OAuth2Clients clients;
    private final OAuth2Tokens tokens;
    private final RequestJournal journal;
    private final TokenEndpointFaults faults = new TokenEndpointFaults();
    private final AtomicInteger tokenRequests = new AtomicInteger();
    private final Map<String, AtomicInteger> grantsByType = new ConcurrentHashMap<>();
    private final Map<OAuth2Clients.AuthMethod, AtomicInteger> authenticationsByMethod = new ConcurrentHashMap<>();
    /** Rotated refresh tokens already redeemed: presenting one again is reuse (RFC 9700 §4.14.2). */
    private final Set<String> redeemed = ConcurrentHashMap.newKeySet();
    private final AtomicInteger reusedRefreshTokens = new AtomicInteger();
    private final AssertionVerifier assertions;

    public OAuth2Simulator(OAuth2Clients clients, Clock clock, RequestJournal journal) {
        this.clients = clients;
        this.tokens = new OAuth2Tokens(clock);
        this.journal = journal;
        this.assertions = new AssertionVerifier(clients, clock);
    }

    /** The registered clients: tests add their own ({@code private_key_jwt} ones with keys they generate). */
    public OAuth2Clients clients() {
        return clients;
    }

    /** How often a client assertion came again with a {@code jti} already used (RFC 7523 §3: refused). */
    public int replayedAssertions() {
        return assertions.replays();
    }

    /** Every client assertion (RFC 7523 JWS) the token endpoint received, in order: secrets, for tests only. */
    public List<String> clientAssertions() {
        return assertions.received();
    }

    /** RFC 6749 §5.1; null members are left out. */
    public record TokenBody(String access_token, String token_type, long expires_in, String refresh_token,
                            String scope) {
    }

    public record ResourceBody(boolean ok) {
    }

    public TokenEndpointFaults faults() {
        return faults;
    }

    /** Requests that reached the token endpoint, faulted or not. */
    /**
     * Authenticated token requests per {@code grant_type} ({@code client_credentials},
     * {@code refresh_token}), whatever the answer; faulted requests are not counted here.
     */
    public int grants(String grantType) {
        AtomicInteger count = grantsByType.get(grantType);
        return count == null ? 0 : count.get();
    }

    public int tokenRequests() {
        return tokenRequests.get();
    }

    /**
     * Token requests whose client proved itself with {@code method}, the one it is registered for
     * (for {@code private_key_jwt}, an assertion verified), whatever the grant's answer.
     */
    public int authentications(OAuth2Clients.AuthMethod method) {
        AtomicInteger count = authenticationsByMethod.get(method);
        return count == null ? 0 : count.get();
    }

    /** How often a client presented a rotated refresh token that had already been redeemed. */
    public int reusedRefreshTokens() {
        return reusedRefreshTokens.get();
    }

    /** An access or refresh token stops working at once. */
    public void revoke(String token) {
        tokens.revoke(token);
    }

    @POST
    @Path("token")
    public Response token(String body, @Context HttpHeaders headers, @Context UriInfo uri) {
        tokenRequests.incrementAndGet();
        Response response = faults.applyNext(OAuth2Errors::fault)
                .orElseGet(() -> grant(body, headers, uri.getAbsolutePath(), uri.getBaseUriBuilder().path("oauth2").build()));
        journal.record("POST", uri.getPath(), headers, response.getStatus());
        return response;
    }

    @GET
    @Path("api/resource")
    public Response resource(@Context HttpHeaders headers, @Context UriInfo uri) {
        Optional<String> token = bearer(headers);
        Response response;
        if (token.isEmpty()) {
            response = OAuth2Errors.unauthorizedResource(false, null);
        } else if (tokens.validAccess(token.get()).isEmpty()) {
            response = OAuth2Errors.unauthorizedResource(true, "The access token is unknown, revoked or expired");
        } else {
            response = Response.ok(JSON.toJson(new ResourceBody(true)), MediaType.APPLICATION_JSON_TYPE).build();
        }
        journal.record("GET", uri.getPath(), headers, response.getStatus());
        return response;
    }

    private Response grant(String body, HttpHeaders headers, URI tokenEndpoint, URI issuer) {
        if (!FormBody.isForm(headers)) {
            return OAuth2Errors.tokenError(400, "invalid_request", "The body must be application/x-www-form-urlencoded");
        }
        Map<String, List<String>> form;
        try {
            form = FormBody.parse(body);
        } catch (IllegalArgumentException malformed) {
            return OAuth2Errors.tokenError(400, "invalid_request", "The form is not properly encoded");
        }
        Optional<String> repeated = form.entrySet().stream().filter(e -> e.getValue().size() > 1).map(Map.Entry::getKey).findFirst();
        if (repeated.isPresent()) {
            return OAuth2Errors.tokenError(400, "invalid_request", "Parameter " + repeated.get() + " is repeated");
        }
        ClientAuthentication.Outcome outcome = AssertionVerifier.presents(form)
                ? assertions.verify(headers, form, tokenEndpoint, issuer)
                : ClientAuthentication.read(headers, form);
        if (outcome instanceof ClientAuthentication.Refused refused) {
            return refused.status() == 401
                    ? OAuth2Errors.invalidClient(refused.description(), refused.basicChallenge())
                    : OAuth2Errors.tokenError(refused.status(), refused.error(), refused.description());
        }
        ClientAuthentication.Authenticated authenticated;
        if (outcome instanceof ClientAuthentication.Authenticated verified) {
            authenticated = verified;
        } else {
            ClientAuthentication.Presented presented = (ClientAuthentication.Presented) outcome;
            Optional<OAuth2Clients.Client> client = clients.find(presented.clientId())
                    .filter(c -> presented.clientSecret().equals(c.clientSecret()));
            if (client.isEmpty()) {
                return OAuth2Errors.invalidClient("Unknown client or wrong secret",
                        presented.method() == OAuth2Clients.AuthMethod.CLIENT_SECRET_BASIC);
            }
            authenticated = new ClientAuthentication.Authenticated(client.get(), presented.method());
        }
        Optional<OAuth2Clients.Client> client = Optional.of(authenticated.client());
        boolean viaBasic = authenticated.method() == OAuth2Clients.AuthMethod.CLIENT_SECRET_BASIC;
        if (client.get().authMethod() != authenticated.method()) {
            return OAuth2Errors.invalidClient("The client must authenticate with "
                    + client.get().authMethod().name().toLowerCase(), viaBasic);
        }
        authenticationsByMethod.computeIfAbsent(authenticated.method(), m -> new AtomicInteger()).incrementAndGet();
        String grantType = first(form, "grant_type");
        if (grantType == null) {
            return OAuth2Errors.tokenError(400, "invalid_request", "grant_type is required");
        }
        grantsByType.computeIfAbsent(grantType, g -> new AtomicInteger()).incrementAndGet();
        return switch (grantType) {
            case "client_credentials" -> clientCredentials(client.get(), form);
            case "refresh_token" -> refresh(client.get(), form);
            default -> OAuth2Errors.tokenError(400, "unsupported_grant_type", "Unsupported grant_type " + grantType);
        };
    }

    private Response clientCredentials(OAuth2Clients.Client client, Map<String, List<String>> form) {
        Optional<Set<String>> requested = scopes(first(form, "scope"));
        if (requested.isPresent() && !client.scopes().containsAll(requested.get())) {
            return OAuth2Errors.tokenError(400, "invalid_scope", "The client may not ask for that scope");
        }
        // §3.3: without a scope parameter the server applies a default — here all the client's scopes
        String scope = requested.map(s -> String.join(" ", s))
                .orElseGet(() -> String.join(" ", client.scopes().stream().sorted().toList()));
        String audience = first(form, "audience");
        String refreshToken = client.issuesRefreshTokens()
                ? tokens.issueRefresh(client.clientId(), scope, audience).token() : null;
        return issued(client, scope, audience, refreshToken);
    }

    private Response refresh(OAuth2Clients.Client client, Map<String, List<String>> form) {
        if (!client.issuesRefreshTokens()) {
            return OAuth2Errors.tokenError(400, "unauthorized_client", "The client may not use refresh tokens");
        }
        String presented = first(form, "refresh_token");
        if (presented == null) {
            return OAuth2Errors.tokenError(400, "invalid_request", "refresh_token is required");
        }
        Optional<Set<String>> requested = scopes(first(form, "scope"));
        Optional<OAuth2Tokens.RefreshGrant> peek = tokens.redeem(presented, client.clientId(), false);
        if (peek.isPresent() && requested.isPresent()
                && !scopes(peek.get().scope()).orElse(Set.of()).containsAll(requested.get())) {
            // checked before redeeming, so a bad scope does not cost a rotating client its token
            return OAuth2Errors.tokenError(400, "invalid_scope", "A refresh cannot widen the original scope");
        }
        Optional<OAuth2Tokens.RefreshGrant> grant = tokens.redeem(presented, client.clientId(), client.rotatesRefreshTokens());
        if (grant.isEmpty() && redeemed.contains(presented)) {
            reusedRefreshTokens.incrementAndGet();
        }
        if (grant.isPresent() && client.rotatesRefreshTokens()) {
            redeemed.add(presented);
        }
        if (grant.isEmpty()) {
            return OAuth2Errors.tokenError(400, "invalid_grant", "The refresh token is invalid, used or revoked");
        }
        String scope = requested.map(s -> String.join(" ", s)).orElse(grant.get().scope());
        // §6: a rotated refresh token keeps the scope of the original grant, not the narrowed one
        String refreshToken = client.rotatesRefreshTokens()
                ? tokens.issueRefresh(client.clientId(), grant.get().scope(), grant.get().audience()).token() : null;
        return issued(client, scope, grant.get().audience(), refreshToken);
    }

    private Response issued(OAuth2Clients.Client client, String scope, String audience, String refreshToken) {
        OAuth2Tokens.AccessGrant access = tokens.issueAccess(client.clientId(), scope, audience, client.accessTokenLifetime());
        TokenBody body = new TokenBody(access.token(), "Bearer", client.accessTokenLifetime().toSeconds(),
                refreshToken, scope.isEmpty() ? null : scope);
        return Response.ok(JSON.toJson(body), MediaType.APPLICATION_JSON_TYPE)
                .header("Cache-Control", "no-store")
                .header("Pragma", "no-cache")
                .build();
    }

    /** The space-delimited scope parameter (§3.3), or empty when absent or blank. */
    private static Optional<Set<String>> scopes(String parameter) {
        if (parameter == null || parameter.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new LinkedHashSet<>(Arrays.asList(parameter.trim().split(" +"))));
    }

    private static Optional<String> bearer(HttpHeaders headers) {
        String authorization = headers.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization == null) {
            return Optional.empty();
        }
        Matcher m = BEARER.matcher(authorization.trim());
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static String first(Map<String, List<String>> form, String name) {
        List<String> values = form.get(name);
        return values == null ? null : values.get(0);
    }
}
