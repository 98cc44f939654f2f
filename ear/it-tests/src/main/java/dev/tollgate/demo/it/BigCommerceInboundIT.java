package dev.tollgate.demo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

    @Test
    void otherPathsAreNotTheMechanismsBusiness() {
        assertEquals(200, DemoServer.get("/backoffice/api/calls").statusCode());
    }

    private static HttpResponse<String> load(String jwt) {
        return DemoServer.get(LOAD + "?signed_payload_jwt=" + URLEncoder.encode(jwt, StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> estimate(String authorization, String storeHash) {
        HttpRequest.Builder request = HttpRequest.newBuilder(DemoServer.url(ESTIMATE))
                .header("X-Bc-Store-Hash", storeHash)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"quote-1\"}"));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return DemoServer.send(request);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** The signed_payload_jwt of a load callback for store A's owner (VENDORS.md, BigCommerce). */
    private static String signedPayload(String secret) {
        long now = Instant.now().getEpochSecond();
        String header = Json.createObjectBuilder().add("typ", "JWT").add("alg", "HS256").build().toString();
        String claims = Json.createObjectBuilder()
                .add("aud", BigCommerceFixture.APP_CLIENT_ID)
                .add("iss", "bc")
                .add("iat", now).add("nbf", now).add("exp", now + 86_400)
                .add("jti", "it-" + now)
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
