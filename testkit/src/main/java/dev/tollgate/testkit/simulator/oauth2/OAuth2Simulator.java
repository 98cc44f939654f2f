package dev.tollgate.testkit.simulator.oauth2;

import dev.tollgate.testkit.http.PeerCertificates;
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
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.security.cert.X509Certificate;
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
 *   <li>Mutual TLS (RFC 8705), served over {@code LoopbackServer.https}: clients registered with
 *       {@link #mutualTls()} authenticate by their certificate ({@link MutualTlsClients}); their
 *       access tokens are bound to it: the token answer carries
 *       {@code "cnf":{"x5t#S256":"<thumbprint>"}} (§3.1), and the resource refuses such a token
 *       (401 {@code invalid_token}) on a request that did not present the same certificate.</li>
 *   <li>{@code GET .well-known/openid-configuration}, and RFC 8414's location through
 *       {@link #wellKnown()}: the server's metadata ({@link AuthorizationServerMetadata}).</li>
 *   <li>{@code resource} (RFC 8707, repeatable): each one registered for the client
 *       ({@link OAuth2Clients#allowResources}), else 400 {@code invalid_target}; the token is for
 *       those resources ({@link #audience}).</li>
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
    private final MutualTlsClients mutualTls;
    private final AuthorizationServerMetadata metadata;
    private final AssertionVerifier assertions;

    public OAuth2Simulator(OAuth2Clients clients, Clock clock, RequestJournal journal) {
        this.clients = clients;
        this.tokens = new OAuth2Tokens(clock);
        this.journal = journal;
        this.mutualTls = new MutualTlsClients(clock);
        this.metadata = new AuthorizationServerMetadata(clients);
        this.assertions = new AssertionVerifier(clients, clock);
    }

    /** The metadata this server serves (RFC 8414, OpenID Connect Discovery), its switches and its reads. */
    public AuthorizationServerMetadata metadata() {
        return metadata;
    }

    /** The resource that serves RFC 8414's location, outside {@code /oauth2}: serve it next to this simulator. */
    public Object wellKnown() {
        return new OAuth2WellKnown(metadata);
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

    /** RFC 6749 §5.1, with RFC 8705 §3.1's {@code cnf} for a certificate-bound token; null members are left out. */
    public record TokenBody(String access_token, String token_type, long expires_in, String refresh_token,
                            String scope, Map<String, String> cnf) {
    }

    /** The CAs and certificates of the clients that authenticate by mutual TLS (RFC 8705 §2). */
    public MutualTlsClients mutualTls() {
        return mutualTls;
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

    /** The refresh tokens issued that still work (not used, for rotating clients, nor revoked). */
    public java.util.Set<String> liveRefreshTokens() {
        return tokens.liveRefreshTokens();
    }

    /** An access or refresh token stops working at once. */
    public void revoke(String token) {
        tokens.revoke(token);
    }

    @POST
    @Path("token")
    public Response token(String body, @Context HttpHeaders headers, @Context UriInfo uri, @Context SecurityContext security) {
        tokenRequests.incrementAndGet();
        Response response = faults.applyNext(OAuth2Errors::fault).orElseGet(() -> grant(body, headers,
                uri.getAbsolutePath(), uri.getBaseUriBuilder().path("oauth2").build(), PeerCertificates.of(security)));
        journal.record("POST", uri.getPath(), headers, response.getStatus());
        return response;
    }

    @GET
    @Path(".well-known/openid-configuration")
    public Response openIdConfiguration(@Context UriInfo uri) {
        return metadata.answer(AuthorizationServerMetadata.Location.OPENID_CONFIGURATION, uri);
    }

    /** The audience of an access token this server issued and that is still valid: its resources, or its {@code audience}. */
    public List<String> audience(String accessToken) {
        return tokens.validAccess(accessToken).map(OAuth2Tokens.AccessGrant::audience).filter(a -> !a.isEmpty())
                .map(a -> List.of(a.split(" "))).orElse(List.of());
    }

    @GET
    @Path("api/resource")
    public Response resource(@Context HttpHeaders headers, @Context UriInfo uri, @Context SecurityContext security) {
        Optional<String> token = bearer(headers);
        Response response;
        if (token.isEmpty()) {
            response = OAuth2Errors.unauthorizedResource(false, null);
        } else if (tokens.validAccess(token.get()).isEmpty()) {
            response = OAuth2Errors.unauthorizedResource(true, "The access token is unknown, revoked or expired");
        } else if (!presentedBinding(token.get(), PeerCertificates.of(security))) {
            // RFC 8705 §3: a bound token is only good with the certificate it was issued to
            response = OAuth2Errors.unauthorizedResource(true, "The access token is bound to a client certificate"
                    + " this request did not present");
        } else {
            response = Response.ok(JSON.toJson(new ResourceBody(true)), MediaType.APPLICATION_JSON_TYPE).build();
        }
        journal.record("GET", uri.getPath(), headers, response.getStatus());
        return response;
    }

    /** True for a token bound to no certificate, or bound to the one the request presented. */
    private boolean presentedBinding(String token, Optional<List<X509Certificate>> peer) {
        Optional<String> bound = tokens.boundTo(token);
        return bound.isEmpty() || peer.map(chain -> MutualTlsClients.thumbprint(chain.get(0))).filter(bound.get()::equals).isPresent();
    }

    private Response grant(String body, HttpHeaders headers, URI tokenEndpoint, URI issuer, Optional<List<X509Certificate>> peer) {
        if (!FormBody.isForm(headers)) {
            return OAuth2Errors.tokenError(400, "invalid_request", "The body must be application/x-www-form-urlencoded");
        }
        Map<String, List<String>> form;
        try {
            form = FormBody.parse(body);
        } catch (IllegalArgumentException malformed) {
            return OAuth2Errors.tokenError(400, "invalid_request", "The form is not properly encoded");
        }
        // RFC 8707 §2: resource is the one parameter that may come more than once
        Optional<String> repeated = form.entrySet().stream().filter(e -> e.getValue().size() > 1 && !e.getKey().equals("resource"))
                .map(Map.Entry::getKey).findFirst();
        if (repeated.isPresent()) {
            return OAuth2Errors.tokenError(400, "invalid_request", "Parameter " + repeated.get() + " is repeated");
        }
        Optional<OAuth2Clients.Client> byCertificate = mutualTls.registered(first(form, "client_id"), clients);
        if (byCertificate.isPresent()) {
            MutualTlsClients.Result result = mutualTls.authenticate(byCertificate.get(), headers, form, peer);
            return result instanceof MutualTlsClients.Authenticated authenticated
                    ? granted(authenticated.client(), form, authenticated.thumbprint())
                    : ((MutualTlsClients.Refused) result).response();
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
        return granted(client.get(), form, null);
    }

    /** The grant for an authenticated client; {@code boundTo} the certificate's thumbprint when it used mutual TLS. */
    private Response granted(OAuth2Clients.Client client, Map<String, List<String>> form, String boundTo) {
        // only a client that proved itself with the method it is registered for gets here
        authenticationsByMethod.computeIfAbsent(client.authMethod(), m -> new AtomicInteger()).incrementAndGet();
        String grantType = first(form, "grant_type");
        if (grantType == null) {
            return OAuth2Errors.tokenError(400, "invalid_request", "grant_type is required");
        }
        grantsByType.computeIfAbsent(grantType, g -> new AtomicInteger()).incrementAndGet();
        return switch (grantType) {
            case "client_credentials" -> clientCredentials(client, form, boundTo);
            case "refresh_token" -> refresh(client, form, boundTo);
            default -> OAuth2Errors.tokenError(400, "unsupported_grant_type", "Unsupported grant_type " + grantType);
        };
    }

    private Response clientCredentials(OAuth2Clients.Client client, Map<String, List<String>> form, String boundTo) {
        Optional<Set<String>> requested = scopes(first(form, "scope"));
        if (requested.isPresent() && !client.scopes().containsAll(requested.get())) {
            return OAuth2Errors.tokenError(400, "invalid_scope", "The client may not ask for that scope");
        }
        // §3.3: without a scope parameter the server applies a default — here all the client's scopes
        String scope = requested.map(s -> String.join(" ", s))
                .orElseGet(() -> String.join(" ", client.scopes().stream().sorted().toList()));
        ResourceIndicators.Outcome resources = ResourceIndicators.read(form, clients.resources(client.clientId()));
        if (resources.refusal().isPresent()) {
            return OAuth2Errors.tokenError(400, "invalid_target", resources.refusal().get());
        }
        // the token is for the resources asked for (RFC 8707 §2), else for the audience asked for
        String audience = resources.audience().orElse(first(form, "audience"));
        String refreshToken = client.issuesRefreshTokens()
                ? tokens.issueRefresh(client.clientId(), scope, audience).token() : null;
        return issued(client, scope, audience, refreshToken, boundTo);
    }

    private Response refresh(OAuth2Clients.Client client, Map<String, List<String>> form, String boundTo) {
        if (!client.issuesRefreshTokens()) {
            return OAuth2Errors.tokenError(400, "unauthorized_client", "The client may not use refresh tokens");
        }
        String presented = first(form, "refresh_token");
        if (presented == null) {
            return OAuth2Errors.tokenError(400, "invalid_request", "refresh_token is required");
        }
        Optional<Set<String>> requested = scopes(first(form, "scope"));
        ResourceIndicators.Outcome resources = ResourceIndicators.read(form, clients.resources(client.clientId()));
        if (resources.refusal().isPresent()) {
            // checked before redeeming, as the scope is
            return OAuth2Errors.tokenError(400, "invalid_target", resources.refusal().get());
        }
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
        return issued(client, scope, resources.audience().orElse(grant.get().audience()), refreshToken, boundTo);
    }

    private Response issued(OAuth2Clients.Client client, String scope, String audience, String refreshToken, String boundTo) {
        OAuth2Tokens.AccessGrant access = tokens.issueAccess(client.clientId(), scope, audience, client.accessTokenLifetime());
        if (boundTo != null) {
            tokens.bind(access.token(), boundTo);
        }
        TokenBody body = new TokenBody(access.token(), "Bearer", client.accessTokenLifetime().toSeconds(),
                refreshToken, scope.isEmpty() ? null : scope, boundTo == null ? null : Map.of("x5t#S256", boundTo));
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
