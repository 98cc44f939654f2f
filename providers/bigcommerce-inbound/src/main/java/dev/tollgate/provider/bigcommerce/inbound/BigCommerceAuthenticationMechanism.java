package dev.tollgate.provider.bigcommerce.inbound;

import dev.tollgate.provider.bigcommerce.StoreSettings;
import dev.tollgate.spi.ConfiguredClients;
import dev.tollgate.spi.Secret;
import dev.tollgate.spi.TenantSettings;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.CallerPrincipal;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Authenticates the requests BigCommerce sends the application (Jakarta Security):
 * <ul>
 *   <li>app callbacks ({@code callback-paths}, e.g. {@code /api/bigcommerce/load}): the
 *       {@code signed_payload_jwt} query parameter, verified by {@link BigCommerceJwtVerifier};
 *       the caller is {@code bigcommerce-user:<id>} in group {@code bigcommerce-callback}, and the
 *       verified {@link SignedPayload} is the request attribute {@link #PAYLOAD_ATTRIBUTE} (and, with
 *       the client that verified it, what {@link BigCommerceAppCallbacks} of that client uses instead
 *       of verifying the payload a second time, which its {@code jti} would refuse);</li>
 *   <li>Tax Provider API calls ({@code tax-provider-paths}): HTTP Basic with
 *       {@code tax-provider-username} and {@code tax-provider-password}; the caller is that user
 *       in group {@code bigcommerce-tax-provider};</li>
 *   <li>anything else: not this mechanism's business.</li>
 * </ul>
 * The paths are compared with the request's path as JAX-RS routes it ({@link RoutedPath}), not
 * as the servlet container spells it, so matrix parameters and escapes cannot carry a request
 * past the check; a path that reads more than one way is refused. A callback's signed payload is
 * good for one request. Refused requests get 401 (with a Basic challenge on tax provider paths),
 * and the configured paths are checked at deployment ({@link InboundSettingsCheck}). Not a bean by itself,
 * so that an application opts in: {@code @ApplicationScoped public class Inbound extends
 * BigCommerceAuthenticationMechanism { public Inbound() { super("bigcommerce"); } }}.
 */
public class BigCommerceAuthenticationMechanism implements HttpAuthenticationMechanism {

    public static final String PAYLOAD_ATTRIBUTE = "tollgate.bigcommerce.payload";
    /**
     * The verified payload together with the client that verified it, for {@link BigCommerceAppCallbacks}
     * of the same client (a payload is good for one verification: its {@code jti}).
     */
    static final String VERIFIED_ATTRIBUTE = "tollgate.bigcommerce.payload.verified";
    public static final String CALLBACK_GROUP = "bigcommerce-callback";
    public static final String TAX_PROVIDER_GROUP = "bigcommerce-tax-provider";

    static final String CALLBACK_PATHS = InboundPaths.CALLBACK_PATHS;
    static final String TAX_PATHS = InboundPaths.TAX_PATHS;
    static final String TAX_USERNAME = "tax-provider-username";
    static final String TAX_PASSWORD = "tax-provider-password";

    private static final Logger LOG = Logger.getLogger(BigCommerceAuthenticationMechanism.class.getName());

    private final String client;
    private final ConfiguredClients engine;
    /** Which misplaced paths were reported, per module: once each, not on every request. */
    private final Set<String> contextRootWarnings = ConcurrentHashMap.newKeySet();
    /** The modules whose refusal of a login was reported: once each. */
    private final Set<String> refusedLogins = ConcurrentHashMap.newKeySet();

    /** For the engine of the running application (the CDI bean). */
    protected BigCommerceAuthenticationMechanism(String client) {
        this(client, null);
    }

    /** With an engine of one's own (tests, Java SE). */
    public BigCommerceAuthenticationMechanism(String client, ConfiguredClients engine) {
        this.client = client;
        this.engine = engine;
    }

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        ConfiguredClients tollgate = engine != null ? engine : ConfiguredClients.current();
        TenantSettings app = tollgate.settings(client, "");
        InboundPaths paths = InboundPaths.from(app);
        Optional<RoutedPath> routed = RoutedPath.of(request);
        if (routed.isEmpty()) {
            // a path that can be read more than one way could be routed to a guarded resource: fail closed
            LOG.fine("refused a request whose path cannot be read one way only (an encoded /, \\ or ;, a dot segment,"
                    + " a malformed escape)");
            return context.responseUnauthorized();
        }
        String path = routed.get().inModule();
        if (paths.isCallback(path)) {
            return callback(tollgate, request, context, routed.get());
        }
        if (paths.isTaxProvider(path)) {
            return taxProvider(tollgate, request, response, context, routed.get());
        }
        Optional<InboundPaths.Misplaced> misplaced = paths.writtenWithContextRoot(routed.get());
        if (misplaced.isPresent()) {
            // the administrator meant this request but wrote the path from the server's root: refuse, and say so once
            InboundPaths.Misplaced m = misplaced.get();
            if (contextRootWarnings.add(m.key() + " " + m.path())) {
                LOG.severe(() -> app.keyName(m.key()) + " holds " + m.path() + ", which begins with the context root "
                        + m.contextRoot() + " of the web module it was used in; paths are relative to each module: write "
                        + m.inModule() + ". Requests for it are refused until it is corrected.");
            }
            return context.responseUnauthorized();
        }
        return context.doNothing();
    }

    private AuthenticationStatus callback(ConfiguredClients tollgate, HttpServletRequest request, HttpMessageContext context,
                                          RoutedPath where) {
        try {
            SignedPayload payload = BigCommerceJwtVerifier.forClient(tollgate, client).verifySignedPayload(request.getParameter("signed_payload_jwt"));
            request.setAttribute(PAYLOAD_ATTRIBUTE, payload);
            request.setAttribute(VERIFIED_ATTRIBUTE, new VerifiedPayload(client, payload));
            return login(context, where, new CallerPrincipal("bigcommerce-user:" + payload.user().id() + "@" + payload.storeHash()),
                    CALLBACK_GROUP);
        } catch (JwtRejectedException e) {
            LOG.fine(e::getMessage);
            return context.responseUnauthorized();
        }
    }

    /**
     * The store named by {@code X-Bc-Store-Hash} must be one this client serves, and the Basic
     * credentials those registered for it (a tenant's own {@code tax-provider-*} keys, else the
     * client's). The caller is {@code <username>@<store hash>}.
     */
    private AuthenticationStatus taxProvider(ConfiguredClients tollgate, HttpServletRequest request, HttpServletResponse response,
                                             HttpMessageContext context, RoutedPath where) {
        String storeHash = request.getHeader("X-Bc-Store-Hash");
        TenantSettings store = storeHash == null ? null : storeSettings(tollgate, storeHash.trim());
        UsernamePasswordCredential presented = basic(request.getHeader("Authorization"));
        if (store != null && presented != null) {
            String username = store.require(TAX_USERNAME, "user name BigCommerce sends to the tax provider endpoints");
            Secret password = store.requireSecret(TAX_PASSWORD, "password BigCommerce sends to the tax provider endpoints");
            // both compared, always, over digests of equal length: no early exit, no length leak
            boolean userMatches = sameDigest(username, presented.getCaller());
            boolean passwordMatches = sameDigest(password.reveal(), presented.getPasswordAsString());
            if (userMatches & passwordMatches) {
                return login(context, where, new CallerPrincipal(username + "@" + storeHash.trim()), TAX_PROVIDER_GROUP);
            }
        }
        response.setHeader("WWW-Authenticate", "Basic realm=\"BigCommerce Tax Provider\", charset=\"UTF-8\"");
        return context.responseUnauthorized();
    }

    /**
     * Tells the container who the caller is. The container may refuse a caller its module's
     * security does not know (WildFly, in a module whose security domain integrates JASPI with
     * the server's realm): that is a 401 for this request and one warning per module, not a 500
     * with a stack trace on every request.
     */
    private AuthenticationStatus login(HttpMessageContext context, RoutedPath where, CallerPrincipal caller, String group) {
        try {
            return context.notifyContainerAboutLogin(caller, Set.of(group));
        } catch (RuntimeException refused) {
            if (refusedLogins.add(where.contextRoot())) {
                LOG.warning(() -> "the server refused the caller the BigCommerce mechanism authenticated in the web module '"
                        + where.contextRoot() + "' (" + refused.getClass().getName() + "); such requests get 401. In WildFly,"
                        + " give the module that serves BigCommerce the application security domain 'tollgate' (jboss-web.xml).");
            }
            LOG.fine(() -> "login refused by the server: " + refused);
            return context.responseUnauthorized();
        }
    }

    /** The settings of the tenant whose own store hash this is, or of the client when it has no tenants. */
    private TenantSettings storeSettings(ConfiguredClients tollgate, String storeHash) {
        Set<String> tenants = tollgate.tenants(client);
        if (tenants.isEmpty()) {
            TenantSettings own = tollgate.settings(client, "");
            return own.getTenantOwn(StoreSettings.STORE_HASH).map(String::trim).filter(storeHash::equals).isPresent() ? own : null;
        }
        List<TenantSettings> matching = tenants.stream().map(t -> tollgate.settings(client, t))
                .filter(s -> s.getTenantOwn(StoreSettings.STORE_HASH).map(String::trim).filter(storeHash::equals).isPresent())
                .toList();
        return matching.size() == 1 ? matching.get(0) : null;
    }

    private static UsernamePasswordCredential basic(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String pair = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = pair.indexOf(':');
            return colon < 0 ? null : new UsernamePasswordCredential(pair.substring(0, colon), pair.substring(colon + 1));
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    private static boolean sameDigest(String expected, String presented) {
        return MessageDigest.isEqual(sha256(expected), sha256(presented));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
