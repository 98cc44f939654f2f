package dev.tollgate.provider.bigcommerce;

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
        Outcome outcome = new Outcome();
        HttpServletRequest request = (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getServletPath" -> path;
                    case "getPathInfo" -> null;
                    case "getParameter" -> parameters.get((String) args[0]);
                    case "getHeader" -> headers.get((String) args[0]);
                    case "setAttribute" -> {
                        outcome.attributes.put((String) args[0], args[1]);
                        yield null;
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> {
                    if (method.getName().equals("setHeader")) {
                        outcome.responseHeaders.put((String) args[0], (String) args[1]);
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        HttpMessageContext context = (HttpMessageContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpMessageContext.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "notifyContainerAboutLogin" -> {
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

    private static String payload(String secret) {
        long now = Instant.now().getEpochSecond();
        return Jwt.claims().issuer("bc").audience(BigCommerceJwtTest.CLIENT_ID).subject("stores/" + STORE_A_HASH)
                .issuedAt(now).expiresAt(now + 3600)
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
}
