package dev.tollgate.provider.bigcommerce.inbound;

import static dev.tollgate.testkit.simulator.bigcommerce.BigCommerceFixture.STORE_A_HASH;
import static dev.tollgate.testkit.simulator.bigcommerce.BigCommerceFixture.STORE_A_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.engine.TollgateEngine;
import dev.tollgate.testkit.config.TestConfig;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.CallerPrincipal;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The inbound mechanism at unit level, with stand-ins for the servlet request, response and the
 * container's message context (the in-server test comes with the EAR).
 */
class BigCommerceAuthenticationMechanismTest {

    private final TollgateEngine engine = TollgateEngine.builder().config(TestConfig.with("tollgate.bc.provider", "bigcommerce")
            .and("tollgate.bc.client-id", BigCommerceJwtTest.CLIENT_ID)
            .and("tollgate.bc.client-secret", BigCommerceJwtTest.CLIENT_SECRET)
            .and("tollgate.bc.store-hash", STORE_A_HASH)
            .and("tollgate.bc.access-token", STORE_A_TOKEN)
            .and("tollgate.bc.callback-paths", "/bigcommerce/load, /bigcommerce/uninstall")
            .and("tollgate.bc.tax-provider-paths", "/tax")
            .and("tollgate.bc.tax-provider-username", "bc-tax")
            .and("tollgate.bc.tax-provider-password", "tax-provider-pass-7Hq2").build()).build();
    private final BigCommerceAuthenticationMechanism mechanism = new BigCommerceAuthenticationMechanism("bc", engine);

    /** What the mechanism told the container. */
    private static final class Outcome {
        CallerPrincipal principal;
        Set<String> groups;
        String status;
        final Map<String, Object> attributes = new HashMap<>();
        final Map<String, String> responseHeaders = new HashMap<>();
    }

    private Outcome run(String path, Map<String, String> parameters, Map<String, String> headers) {
        return run(mechanism, "", path, parameters, headers);
    }

    /**
     * A request for {@code contextPath + rawPath} as Payara presents it: the raw URI (matrix
     * parameters, escapes and all), and the servlet path and path info with the matrix parameters
     * kept, which is what let {@code ;} slip past a mechanism that read them.
     */
    private static Outcome run(BigCommerceAuthenticationMechanism mechanism, String contextPath, String rawPath,
                               Map<String, String> parameters, Map<String, String> headers) {
        return run(mechanism, contextPath, rawPath, parameters, headers, false);
    }

    /** {@code containerRefusesLogin}: the container throws on the login, as WildFly's integrated JASPI does for an unknown caller. */
    private static Outcome run(BigCommerceAuthenticationMechanism mechanism, String contextPath, String rawPath,
                               Map<String, String> parameters, Map<String, String> headers, boolean containerRefusesLogin) {
        Outcome outcome = new Outcome();
        String decodedPathInfo = payaraPathInfo(rawPath);
        HttpServletRequest request = (HttpServletRequest) Proxy.newProxyInstance(BigCommerceAuthenticationMechanismTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getRequestURI" -> contextPath + rawPath;
                    case "getContextPath" -> contextPath;
                    case "getServletPath" -> "";
                    case "getPathInfo" -> decodedPathInfo;
                    case "getParameter" -> parameters.get((String) args[0]);
                    case "getHeader" -> headers.get((String) args[0]);
                    case "setAttribute" -> {
                        outcome.attributes.put((String) args[0], args[1]);
                        yield null;
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(BigCommerceAuthenticationMechanismTest.class.getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> {
                    if (method.getName().equals("setHeader")) {
                        outcome.responseHeaders.put((String) args[0], (String) args[1]);
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        HttpMessageContext context = (HttpMessageContext) Proxy.newProxyInstance(BigCommerceAuthenticationMechanismTest.class.getClassLoader(),
                new Class<?>[] {HttpMessageContext.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "notifyContainerAboutLogin" -> {
                        if (containerRefusesLogin) {
                            throw new IllegalStateException("the realm does not know " + args[0]);
                        }
                        outcome.principal = (CallerPrincipal) args[0];
                        @SuppressWarnings("unchecked")
                        Set<String> groups = (Set<String>) args[1];
                        outcome.groups = groups;
                        outcome.status = "login";
                        yield AuthenticationStatus.SUCCESS;
                    }
                    case "responseUnauthorized" -> {
                        outcome.status = "401";
                        yield AuthenticationStatus.SEND_FAILURE;
                    }
                    case "doNothing" -> {
                        outcome.status = "nothing";
                        yield AuthenticationStatus.NOT_DONE;
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        mechanism.validateRequest(request, response, context);
        return outcome;
    }

    /** What the servlet path and path info would say: decoded, matrix parameters kept (the container refuses a malformed escape). */
    private static String payaraPathInfo(String rawPath) {
        try {
            return java.net.URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return rawPath;
        }
    }

    private static String payload(String secret) {
        long now = Instant.now().getEpochSecond();
        return Jwt.claims().issuer("bc").audience(BigCommerceJwtTest.CLIENT_ID).subject("stores/" + STORE_A_HASH)
                .issuedAt(now).expiresAt(now + 3600).claim("jti", UUID.randomUUID().toString())
                .claim("user", Map.of("id", 77, "email", "admin@store-a.example.com"))
                .claim("owner", Map.of("id", 77, "email", "admin@store-a.example.com"))
                .jws().algorithm(SignatureAlgorithm.HS256)
                .sign(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aCallbackWithAGenuineSignedPayloadLogsTheStoreUserIn() {
        Outcome o = run("/bigcommerce/load", Map.of("signed_payload_jwt", payload(BigCommerceJwtTest.CLIENT_SECRET)), Map.of());
        assertEquals("login", o.status);
        assertEquals("bigcommerce-user:77@" + STORE_A_HASH, o.principal.getName());
        assertEquals(Set.of(BigCommerceAuthenticationMechanism.CALLBACK_GROUP), o.groups);
        assertEquals(STORE_A_HASH, ((SignedPayload) o.attributes.get(BigCommerceAuthenticationMechanism.PAYLOAD_ATTRIBUTE)).storeHash());
    }

    @Test
    void aCallbackWithAForgedOrMissingPayloadIs401() {
        assertEquals("401", run("/bigcommerce/load", Map.of("signed_payload_jwt",
                payload("a-forger-guessed-this-secret-0123456789")), Map.of()).status);
        assertEquals("401", run("/bigcommerce/uninstall", Map.of(), Map.of()).status);
    }

    @Test
    void taxProviderCallsNeedTheRegisteredBasicCredentials() {
        Outcome good = run("/tax/estimate", Map.of(), Map.of("Authorization", basic("bc-tax", "tax-provider-pass-7Hq2"),
                "X-Bc-Store-Hash", STORE_A_HASH));
        assertEquals("login", good.status);
        assertEquals("bc-tax@" + STORE_A_HASH, good.principal.getName());
        assertEquals(Set.of(BigCommerceAuthenticationMechanism.TAX_PROVIDER_GROUP), good.groups);

        Outcome otherStore = run("/tax/estimate", Map.of(), Map.of("Authorization", basic("bc-tax", "tax-provider-pass-7Hq2"),
                "X-Bc-Store-Hash", "zzz999"));
        assertEquals("401", otherStore.status, "a store this client does not serve");
        assertEquals("401", run("/tax/estimate", Map.of(), Map.of("Authorization", basic("bc-tax", "tax-provider-pass-7Hq2"))).status,
                "no store named");

        for (String header : new String[] {basic("bc-tax", "wrong"), basic("someone", "tax-provider-pass-7Hq2"), "Basic !!!", null}) {
            Map<String, String> headers = new HashMap<>();
            headers.put("X-Bc-Store-Hash", STORE_A_HASH);
            if (header != null) {
                headers.put("Authorization", header);
            }
            Outcome bad = run("/tax/estimate", Map.of(), headers);
            assertEquals("401", bad.status, String.valueOf(header));
            assertTrue(bad.responseHeaders.get("WWW-Authenticate").startsWith("Basic realm="));
        }
    }

    @Test
    void otherPathsAreLeftAlone() {
        Outcome o = run("/orders", Map.of(), Map.of("Authorization", basic("bc-tax", "tax-provider-pass-7Hq2")));
        assertEquals("nothing", o.status);
        assertNull(o.principal);
        assertEquals("nothing", run("/taxes", Map.of(), Map.of()).status, "a prefix matches whole segments only");
    }

    @Test
    void matrixParametersAndEscapesDoNotSkipTheMechanism() {
        String tax = basic("bc-tax", "tax-provider-pass-7Hq2");
        for (String path : new String[] {"/tax;/estimate", "/tax;x=1/estimate", "/tax/estimate;x=1", "/%74ax/estimate",
                "/ta%78/estimate", "//tax/estimate", "/tax;x=1", ";x=1/tax/estimate"}) {
            Outcome refused = run(mechanism, "/backoffice", path, Map.of(), Map.of("X-Bc-Store-Hash", STORE_A_HASH));
            assertEquals("401", refused.status, path);
            assertTrue(refused.responseHeaders.get("WWW-Authenticate").startsWith("Basic realm="), path);
            Outcome admitted = run(mechanism, "/backoffice", path, Map.of(), Map.of("Authorization", tax, "X-Bc-Store-Hash", STORE_A_HASH));
            assertEquals("login", admitted.status, path);
        }
        for (String path : new String[] {"/bigcommerce;x=1/load", "/bigcommerce;/load", "/bigcommerce/load;jsessionid=1",
                "/%62igcommerce/load", "/bigcommerce/load/"}) {
            assertEquals("401", run(mechanism, "/backoffice", path, Map.of(), Map.of()).status, path);
            Outcome genuine = run(mechanism, "/backoffice", path, Map.of("signed_payload_jwt", payload(BigCommerceJwtTest.CLIENT_SECRET)),
                    Map.of());
            assertEquals("login", genuine.status, path);
        }
        assertEquals("nothing", run(mechanism, "/backoffice", "/tax%20es", Map.of(), Map.of()).status, "decoded, still not /tax");
    }

    /** What can be read more than one way is refused, whatever the path: it could be routed to a guarded resource. */
    @Test
    void pathsThatCannotBeReadOneWayAreRefused() {
        for (String path : new String[] {"/tax%2Festimate", "/%2e%2e/tax/estimate", "/x/../tax/estimate", "/./tax/estimate",
                "/tax/%zz", "/tax/%C0%AF", "/tax/%E2%82", "/a%3Bb/tax", "/a%5Cb", "/a%00b", "/a%0Ab", "/orders/%"}) {
            Outcome o = run(mechanism, "/backoffice", path, Map.of(), Map.of());
            assertEquals("401", o.status, path);
            assertNull(o.principal, path);
        }
        assertEquals("401", run(mechanism, "/backoffice", "/../shop/tax/estimate", Map.of(), Map.of()).status);
    }

    /** The context root is not part of the configured paths, whatever the module. */
    @Test
    void pathsAreRelativeToTheModule() {
        assertEquals("401", run(mechanism, "/shop", "/tax/estimate", Map.of(), Map.of()).status);
        assertEquals("nothing", run(mechanism, "/shop", "/orders/tax", Map.of(), Map.of()).status);
        assertEquals("401", run(mechanism, "/a;x=1", "/tax", Map.of(), Map.of()).status, "matrix parameters on the context root");
    }

    @Test
    void configuredPathsAreNormalised() {
        TollgateEngine spelled = TollgateEngine.builder().config(TestConfig.with("tollgate.bc.provider", "bigcommerce")
                .and("tollgate.bc.client-id", BigCommerceJwtTest.CLIENT_ID)
                .and("tollgate.bc.client-secret", BigCommerceJwtTest.CLIENT_SECRET)
                .and("tollgate.bc.store-hash", STORE_A_HASH)
                .and("tollgate.bc.access-token", STORE_A_TOKEN)
                .and("tollgate.bc.callback-paths", "api/bigcommerce/load/, /api//bigcommerce/uninstall")
                .and("tollgate.bc.tax-provider-paths", " /api/tax/ ")
                .and("tollgate.bc.tax-provider-username", "bc-tax")
                .and("tollgate.bc.tax-provider-password", "tax-provider-pass-7Hq2").build()).build();
        BigCommerceAuthenticationMechanism normalised = new BigCommerceAuthenticationMechanism("bc", spelled);
        for (String path : new String[] {"/api/bigcommerce/load", "/api/bigcommerce/uninstall", "/api/tax/estimate", "/api/tax"}) {
            assertEquals("401", run(normalised, "/backoffice", path, Map.of(), Map.of()).status, path);
        }
        assertEquals("nothing", run(normalised, "/backoffice", "/api/bigcommerce/loader", Map.of(), Map.of()).status);
    }

    /**
     * A path written with the context root can never match; the requests it meant are refused
     * (not left open) and the log names the key, once.
     */
    @Test
    void aPathWrittenWithTheContextRootRefusesWhatItMeantAndNamesTheKey() {
        TollgateEngine rooted = TollgateEngine.builder().config(TestConfig.with("tollgate.bc.provider", "bigcommerce")
                .and("tollgate.bc.client-id", BigCommerceJwtTest.CLIENT_ID)
                .and("tollgate.bc.client-secret", BigCommerceJwtTest.CLIENT_SECRET)
                .and("tollgate.bc.store-hash", STORE_A_HASH)
                .and("tollgate.bc.access-token", STORE_A_TOKEN)
                .and("tollgate.bc.callback-paths", "/backoffice/api/bigcommerce/load").build()).build();
        BigCommerceAuthenticationMechanism misconfigured = new BigCommerceAuthenticationMechanism("bc", rooted);
        java.util.List<String> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler handler = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                if (record.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue()) {
                    logged.add(record.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger log = java.util.logging.Logger.getLogger(BigCommerceAuthenticationMechanism.class.getName());
        log.addHandler(handler);
        try {
            for (int i = 0; i < 2; i++) {
                Outcome o = run(misconfigured, "/backoffice", "/api/bigcommerce/load", Map.of(), Map.of());
                assertEquals("401", o.status);
            }
            assertEquals("nothing", run(misconfigured, "/backoffice", "/api/calls", Map.of(), Map.of()).status);
        } finally {
            log.removeHandler(handler);
        }
        assertEquals(1, logged.size(), logged.toString());
        assertTrue(logged.get(0).contains("tollgate.bc.callback-paths") && logged.get(0).contains("write /api/bigcommerce/load"),
                logged.get(0));
    }

    /** In a module whose security refuses the caller, a genuine callback is a 401, not an exception (a 500). */
    @Test
    void aLoginTheContainerRefusesIsA401() {
        Outcome callback = run(mechanism, "/shop", "/bigcommerce/load", Map.of("signed_payload_jwt", payload(BigCommerceJwtTest.CLIENT_SECRET)),
                Map.of(), true);
        assertEquals("401", callback.status);
        assertNull(callback.principal);
        Outcome tax = run(mechanism, "/shop", "/tax/estimate", Map.of(), Map.of("Authorization", basic("bc-tax", "tax-provider-pass-7Hq2"),
                "X-Bc-Store-Hash", STORE_A_HASH), true);
        assertEquals("401", tax.status);
    }
}
