package dev.tollgate.demo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.testkit.simulator.bigcommerce.BigCommerceFixture;
import jakarta.json.Json;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * (d) BigCommerce's inbound authentication (Jakarta Security, the server's own) protects the back
 * office's callback and Tax Provider endpoints. The test plays BigCommerce: it signs the load
 * callback's payload with the app's client secret, HS256, as BigCommerce does.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BigCommerceInboundIT {

    private static final String LOAD = "/backoffice/api/bigcommerce/load";
    private static final String ESTIMATE = "/backoffice/api/bigcommerce/tax/estimate";

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return DemoServer.ear();
    }

    @Test
    void theLoadCallbackNeedsAPayloadSignedWithTheAppsSecret() {
        assertEquals(401, DemoServer.get(LOAD).statusCode(), "no signed payload");
        assertEquals(401, load(signedPayload("someone-elses-secret-9Xq2Lw5Rt8")).statusCode(), "signed with another key");
        assertEquals(401, load(tampered(signedPayload(BigCommerceFixture.APP_CLIENT_SECRET))).statusCode(),
                "another store put in a genuine payload, signature kept");

        HttpResponse<String> genuine = load(signedPayload(BigCommerceFixture.APP_CLIENT_SECRET));
        assertEquals(200, genuine.statusCode(), genuine.body());
        assertTrue(genuine.body().contains("\"store\":\"" + BigCommerceFixture.STORE_A_HASH + "\""), genuine.body());
        assertTrue(genuine.body().contains("bigcommerce-user:9876543@" + BigCommerceFixture.STORE_A_HASH), genuine.body());
    }

    @Test
    void taxProviderCallsNeedTheStoresBasicCredentials() {
        String user = BigCommerceFixture.TAX_PROVIDER_USERNAME;
        assertEquals(401, estimate(null, BigCommerceFixture.STORE_A_HASH).statusCode(), "no credentials");
        assertEquals(401, estimate(basic(user, "wrong-password"), BigCommerceFixture.STORE_A_HASH).statusCode());
        assertEquals(401, estimate(basic(user, BigCommerceFixture.TAX_PROVIDER_PASSWORD), "not-a-store").statusCode(),
                "a store this app does not serve");

        HttpResponse<String> genuine = estimate(basic(user, BigCommerceFixture.TAX_PROVIDER_PASSWORD), BigCommerceFixture.STORE_A_HASH);
        assertEquals(200, genuine.statusCode(), genuine.body());
        assertTrue(genuine.body().contains(user + "@" + BigCommerceFixture.STORE_A_HASH), genuine.body());
    }

    /**
     * Matrix parameters and percent-encoding change how a path is spelt, not where JAX-RS routes
     * it: the mechanism must see through them (Payara's servlet path keeps ";", WildFly's drops it).
     * Without credentials the answer is the mechanism's own refusal (its realm), never the
     * resource's; with them, the caller is the one the mechanism logged in.
     */
    @Test
    void matrixParametersAndEncodingDoNotSkipTheTaxProviderCheck() {
        String user = BigCommerceFixture.TAX_PROVIDER_USERNAME;
        String reported = "/backoffice/api/bigcommerce;/tax/estimate"; // the form the issue reported for Payara
        for (String path : new String[] {reported, "/backoffice/api/bigcommerce;x=1/tax/estimate",
                "/backoffice/api;x=1/bigcommerce/tax/estimate", "/backoffice/api/bigcommerce/tax;x=1/estimate",
                "/backoffice/api/%62igcommerce/tax/estimate", "/backoffice/api/bigcommerce/tax/estimate;x=1"}) {
            HttpResponse<String> refused = estimate(path, null, BigCommerceFixture.STORE_A_HASH);
            if (path.equals(reported)) {
                assertEquals(401, refused.statusCode(), path + " reaches the resource in both servers");
            }
            assertMechanismRefusal(path, refused);
            HttpResponse<String> genuine = estimate(path, basic(user, BigCommerceFixture.TAX_PROVIDER_PASSWORD),
                    BigCommerceFixture.STORE_A_HASH);
            if (genuine.statusCode() != 404 && genuine.statusCode() != 400) {
                assertEquals(200, genuine.statusCode(), path + ": " + genuine.body());
                assertTrue(genuine.body().contains(user + "@" + BigCommerceFixture.STORE_A_HASH), path + ": " + genuine.body());
            }
        }
    }

    @Test
    void matrixParametersDoNotSkipTheCallbackCheck() {
        String reported = "/backoffice/api/bigcommerce;x=1/load"; // the form the issue reported for Payara
        for (String path : new String[] {reported, "/backoffice/api/bigcommerce;/load",
                "/backoffice/api/bigcommerce/load;x=1", "/backoffice/api/bigcommerce/%6Coad"}) {
            HttpResponse<String> forged = DemoServer.get(path + "?signed_payload_jwt="
                    + URLEncoder.encode(signedPayload("someone-elses-secret-9Xq2Lw5Rt8"), StandardCharsets.UTF_8));
            assertEquals(401, forged.statusCode(), path);
            HttpResponse<String> genuine = DemoServer.get(path + "?signed_payload_jwt="
                    + URLEncoder.encode(signedPayload(BigCommerceFixture.APP_CLIENT_SECRET), StandardCharsets.UTF_8));
            // the resource refuses (401) when the mechanism did not run; the mechanism lets a genuine payload in
            if (path.equals(reported) || genuine.statusCode() != 404 && genuine.statusCode() != 400) {
                assertEquals(200, genuine.statusCode(), path + ": " + genuine.body());
                assertTrue(genuine.body().contains("bigcommerce-user:9876543@" + BigCommerceFixture.STORE_A_HASH), genuine.body());
            }
        }
    }

    /** A captured signed_payload_jwt is good once: the same URL a second time is refused. */
    @Test
    void aSignedPayloadIsAcceptedOnlyOnce() {
        String jwt = signedPayload(BigCommerceFixture.APP_CLIENT_SECRET);
        assertEquals(200, load(jwt).statusCode());
        HttpResponse<String> replayed = load(jwt);
        assertEquals(401, replayed.statusCode(), replayed.body());
    }

    /** The mechanism stands in front of every module; a module without the callback resource answers cleanly. */
    @Test
    void aGenuineCallbackToAModuleWithoutTheResourceIsACleanRefusal() {
        Optional<ServerLog> log = ServerLog.fromNow();
        for (String module : new String[] {"/shop", "/sandbox"}) {
            HttpResponse<String> response = DemoServer.get(module + "/api/bigcommerce/load?signed_payload_jwt="
                    + URLEncoder.encode(signedPayload(BigCommerceFixture.APP_CLIENT_SECRET), StandardCharsets.UTF_8));
            assertTrue(response.statusCode() == 401 || response.statusCode() == 404, module + ": " + response.statusCode()
                    + " " + response.body());
            assertFalse(response.body().contains("Exception"), module + ": " + response.body());
        }
        log.ifPresent(l -> assertFalse(l.since().contains("\tat "), "a stack trace in the server's log:\n" + l.since()));
    }

    @Test
    void otherPathsAreNotTheMechanismsBusiness() {
        assertEquals(200, DemoServer.get("/backoffice/api/calls").statusCode());
    }

    private static HttpResponse<String> load(String jwt) {
        return DemoServer.get(LOAD + "?signed_payload_jwt=" + URLEncoder.encode(jwt, StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> estimate(String authorization, String storeHash) {
        return estimate(ESTIMATE, authorization, storeHash);
    }

    private static HttpResponse<String> estimate(String path, String authorization, String storeHash) {
        HttpRequest.Builder request = HttpRequest.newBuilder(DemoServer.url(path))
                .header("X-Bc-Store-Hash", storeHash)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"quote-1\"}"));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return DemoServer.send(request);
    }

    /**
     * The mechanism's own 401 (its Basic realm), or the container's 400/404 for a path it does
     * not route at all; never the resource's own refusal, which would mean the mechanism was skipped.
     */
    private static void assertMechanismRefusal(String path, HttpResponse<String> response) {
        if (response.statusCode() == 400 || response.statusCode() == 404) {
            return;
        }
        assertEquals(401, response.statusCode(), path + ": " + response.body());
        String challenge = response.headers().firstValue("WWW-Authenticate").orElse("");
        assertTrue(challenge.contains("realm=\"BigCommerce Tax Provider\""), path + ": the mechanism did not run (" + challenge + ")");
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The signed_payload_jwt of a load callback for store A's owner as BigCommerce signs it: HS256
     * with the app's client secret, living 24 hours, with its own jti.
     */
    private static String signedPayload(String secret) {
        long now = Instant.now().getEpochSecond();
        String header = Json.createObjectBuilder().add("typ", "JWT").add("alg", "HS256").build().toString();
        String claims = Json.createObjectBuilder()
                .add("aud", BigCommerceFixture.APP_CLIENT_ID)
                .add("iss", "bc")
                .add("iat", now).add("nbf", now).add("exp", now + 86_400)
                .add("jti", UUID.randomUUID().toString())
                .add("sub", "stores/" + BigCommerceFixture.STORE_A_HASH)
                .add("user", Json.createObjectBuilder().add("id", 9876543).add("email", "owner@store-a.example.com").add("locale", "en-US"))
                .add("owner", Json.createObjectBuilder().add("id", 9876543).add("email", "owner@store-a.example.com"))
                .add("url", "/manage/app/12345")
                .add("channel_id", 1)
                .build().toString();
        String signingInput = base64Url(header.getBytes(StandardCharsets.UTF_8)) + "." + base64Url(claims.getBytes(StandardCharsets.UTF_8));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return signingInput + "." + base64Url(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The payload's claims with store B's hash instead of store A's, and the original signature. */
    private static String tampered(String jwt) {
        String[] parts = jwt.split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace(BigCommerceFixture.STORE_A_HASH, BigCommerceFixture.STORE_B_HASH);
        return parts[0] + "." + base64Url(claims.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
