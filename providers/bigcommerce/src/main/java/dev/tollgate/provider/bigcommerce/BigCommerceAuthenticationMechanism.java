package dev.tollgate.provider.bigcommerce;

import dev.tollgate.engine.EngineLocator;
import dev.tollgate.engine.TollgateEngine;
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
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Authenticates the requests BigCommerce sends the application (Jakarta Security):
 * <ul>
 *   <li>app callbacks ({@code callback-paths}, e.g. {@code /bigcommerce/load}): the
 *       {@code signed_payload_jwt} query parameter, verified by {@link BigCommerceJwtVerifier};
 *       the caller is {@code bigcommerce-user:<id>} in group {@code bigcommerce-callback}, and the
 *       verified {@link SignedPayload} is the request attribute {@link #PAYLOAD_ATTRIBUTE};</li>
 *   <li>Tax Provider API calls ({@code tax-provider-paths}): HTTP Basic with
 *       {@code tax-provider-username} and {@code tax-provider-password}; the caller is that user
 *       in group {@code bigcommerce-tax-provider};</li>
 *   <li>anything else: not this mechanism's business.</li>
 * </ul>
 * Refused requests get 401 (with a Basic challenge on tax provider paths). Not a bean by itself,
 * so that an application opts in: {@code @ApplicationScoped public class Inbound extends
 * BigCommerceAuthenticationMechanism { public Inbound() { super("bigcommerce"); } }}.
 */
public class BigCommerceAuthenticationMechanism implements HttpAuthenticationMechanism {

    public static final String PAYLOAD_ATTRIBUTE = "tollgate.bigcommerce.payload";
    public static final String CALLBACK_GROUP = "bigcommerce-callback";
    public static final String TAX_PROVIDER_GROUP = "bigcommerce-tax-provider";

    static final String CALLBACK_PATHS = "callback-paths";
    static final String TAX_PATHS = "tax-provider-paths";
    static final String TAX_USERNAME = "tax-provider-username";
    static final String TAX_PASSWORD = "tax-provider-password";

    private static final Logger LOG = Logger.getLogger(BigCommerceAuthenticationMechanism.class.getName());

    private final String client;
    private final TollgateEngine engine;

    /** For the engine of the running application (the CDI bean). */
    protected BigCommerceAuthenticationMechanism(String client) {
        this(client, null);
    }

    /** With an engine of one's own (tests, Java SE). */
    public BigCommerceAuthenticationMechanism(String client, TollgateEngine engine) {
        this.client = client;
        this.engine = engine;
    }

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        TollgateEngine tollgate = engine != null ? engine : EngineLocator.current();
        TenantSettings settings = tollgate.settings(client, "");
        String path = pathOf(request);
        if (matches(path, paths(settings, CALLBACK_PATHS))) {
            return callback(tollgate, request, context);
        }
        if (matches(path, paths(settings, TAX_PATHS))) {
            return taxProvider(settings, request, response, context);
        }
        return context.doNothing();
    }

    private AuthenticationStatus callback(TollgateEngine tollgate, HttpServletRequest request, HttpMessageContext context) {
        try {
            SignedPayload payload = BigCommerceJwtVerifier.forClient(tollgate, client).verifySignedPayload(request.getParameter("signed_payload_jwt"));
            request.setAttribute(PAYLOAD_ATTRIBUTE, payload);
            return context.notifyContainerAboutLogin(new CallerPrincipal("bigcommerce-user:" + payload.user().id()),
                    Set.of(CALLBACK_GROUP));
        } catch (JwtRejectedException e) {
            LOG.fine(e::getMessage);
            return context.responseUnauthorized();
        }
    }

    private AuthenticationStatus taxProvider(TenantSettings settings, HttpServletRequest request, HttpServletResponse response,
                                             HttpMessageContext context) {
        String username = settings.require(TAX_USERNAME, "user name BigCommerce sends to the tax provider endpoints");
        Secret password = settings.requireSecret(TAX_PASSWORD, "password BigCommerce sends to the tax provider endpoints");
        UsernamePasswordCredential presented = basic(request.getHeader("Authorization"));
        if (presented != null && constantTimeEquals(username, presented.getCaller())
                && constantTimeEquals(password.reveal(), presented.getPasswordAsString())) {
            return context.notifyContainerAboutLogin(new CallerPrincipal(username), Set.of(TAX_PROVIDER_GROUP));
        }
        response.setHeader("WWW-Authenticate", "Basic realm=\"BigCommerce Tax Provider\", charset=\"UTF-8\"");
        return context.responseUnauthorized();
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

    private static boolean constantTimeEquals(String expected, String presented) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> paths(TenantSettings settings, String key) {
        return settings.get(key).map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(p -> !p.isEmpty()).toList())
                .orElse(List.of());
    }

    private static boolean matches(String path, List<String> prefixes) {
        return prefixes.stream().anyMatch(p -> path.equals(p) || path.startsWith(p.endsWith("/") ? p : p + "/"));
    }

    /** The path inside the application, without the context path. */
    private static String pathOf(HttpServletRequest request) {
        String uri = request.getRequestURI() == null ? "" : request.getRequestURI();
        String contextPath = request.getContextPath() == null ? "" : request.getContextPath();
        return uri.startsWith(contextPath) ? uri.substring(contextPath.length()) : uri;
    }
}
