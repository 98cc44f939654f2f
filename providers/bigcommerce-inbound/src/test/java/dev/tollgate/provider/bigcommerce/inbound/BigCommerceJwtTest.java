package dev.tollgate.provider.bigcommerce.inbound;

import static dev.tollgate.testkit.simulator.bigcommerce.BigCommerceFixture.STORE_A_HASH;
import static dev.tollgate.testkit.simulator.bigcommerce.BigCommerceFixture.STORE_A_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.engine.TollgateEngine;
import dev.tollgate.testkit.config.TestConfig;
import dev.tollgate.testkit.time.MutableClock;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

/** The Customer Login JWT Tollgate signs, and the JWTs BigCommerce signs that Tollgate verifies. */
class BigCommerceJwtTest {

    static final String CLIENT_ID = "bc-app-client-4hQ9";
    static final String CLIENT_SECRET = "bcAppS3cret-9Kd2Lm7Qw4Zx8Rt1Yb6Hn3Vc0Fg5";

    private final TollgateEngine engine = TollgateEngine.builder().config(TestConfig.with("tollgate.bc.provider", "bigcommerce")
            .and("tollgate.bc.client-id", CLIENT_ID)
            .and("tollgate.bc.client-secret", CLIENT_SECRET)
            .and("tollgate.bc.tenant-required", "false")
            .and("tollgate.bc.tenants.store-a.store-hash", STORE_A_HASH)
            .and("tollgate.bc.tenants.store-a.access-token", STORE_A_TOKEN)
            .and("tollgate.bc.tenants.store-a.storefront-url", "https://store-a.example.com").build()).build();
    private final BigCommerceJwtVerifier verifier = BigCommerceJwtVerifier.forClient(engine, "bc");

    private static SecretKeySpec key(String secret) {
        return new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** A callback payload as BigCommerce signs it. */
    private static JwtClaimsBuilder payload() {
        long now = Instant.now().getEpochSecond();
        return Jwt.claims().issuer("bc").audience(CLIENT_ID).subject("stores/" + STORE_A_HASH)
                .issuedAt(now).claim("nbf", now).expiresAt(now + 86_400).claim("jti", "b3c1f4d2")
                .claim("user", Map.of("id", 9876543, "email", "owner@store-a.example.com", "locale", "en-US"))
                .claim("owner", Map.of("id", 9876543, "email", "owner@store-a.example.com"))
                .claim("url", "/manage/app/12345").claim("channel_id", 1);
    }

    private static String signed(JwtClaimsBuilder claims, String secret) {
        return claims.jws().algorithm(SignatureAlgorithm.HS256).sign(key(secret));
    }

    @Test
    void theLoginJwtVerifiesWithTheSecretAndCarriesEveryRequiredClaim() throws Exception {
        BigCommerceCustomerLogin login = BigCommerceCustomerLogin.forClient(engine, "bc", Clock.systemUTC());
        URI url = login.loginUrl("store-a", 42, new BigCommerceCustomerLogin.Options(2, "/cart.php", "203.0.113.7"));
        assertTrue(url.toString().startsWith("https://store-a.example.com/login/token/"), url.toString());
        String jwt = url.getPath().substring("/login/token/".length());

        JWTAuthContextInfo rules = new JWTAuthContextInfo(key(CLIENT_SECRET), CLIENT_ID);
        rules.setSignatureAlgorithm(Set.of(SignatureAlgorithm.HS256));
        rules.setRequireNamedPrincipal(false); // a login JWT names the customer in customer_id, not sub
        JsonWebToken claims = new DefaultJWTParser(rules).parse(jwt);
        assertEquals(CLIENT_ID, claims.getIssuer());
        assertEquals("customer_login", str(claims.getClaim("operation")));
        assertEquals(STORE_A_HASH, str(claims.getClaim("store_hash")));
        assertEquals("42", claims.getClaim("customer_id").toString());
        assertEquals("2", claims.getClaim("channel_id").toString());
        assertEquals("/cart.php", str(claims.getClaim("redirect_to")));
        assertEquals("203.0.113.7", str(claims.getClaim("request_ip")));
        assertTrue(Math.abs(claims.getIssuedAtTime() - Instant.now().getEpochSecond()) < 5);
        assertNotEquals(claims.getTokenID(), new DefaultJWTParser(rules).parse(login.token("store-a", 42,
                BigCommerceCustomerLogin.Options.none())).getTokenID(), "jti must be unique per login");
        assertFalse(url.toString().contains(CLIENT_SECRET));
    }

    @Test
    void aGenuineCallbackPayloadIsVerifiedIntoTypedClaims() {
        SignedPayload p = verifier.verifySignedPayload(signed(payload(), CLIENT_SECRET));
        assertEquals(STORE_A_HASH, p.storeHash());
        assertEquals("store-a", p.tenant().orElseThrow());
        assertEquals(9876543, p.user().id());
        assertEquals("owner@store-a.example.com", p.owner().email());
        assertEquals("en-US", p.user().locale().orElseThrow());
        assertEquals(1L, p.channelId().orElseThrow());
    }

    @Test
    void theVerifierRefusesEveryForgery() {
        String good = signed(payload(), CLIENT_SECRET);
        String[] parts = good.split("\\.");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                        .replace("9876543", "1").getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        long now = Instant.now().getEpochSecond();
        Map<String, String> forgeries = Map.ofEntries(
                Map.entry("alg none", unsigned(payload())),
                Map.entry("wrong key", signed(payload(), "another-secret-of-sufficient-length-123")),
                Map.entry("expired", signed(payload().issuedAt(now - 90_000).claim("nbf", now - 90_000).expiresAt(now - 3_600), CLIENT_SECRET)),
                Map.entry("wrong audience", signed(payload().audience("someone-else"), CLIENT_SECRET)),
                Map.entry("wrong issuer", signed(payload().issuer("bc/apps"), CLIENT_SECRET)),
                Map.entry("tampered payload", tampered),
                Map.entry("unknown store", signed(payload().subject("stores/zzz999"), CLIENT_SECRET)),
                Map.entry("HS512", payload().jws().algorithm(SignatureAlgorithm.HS512).sign(key(CLIENT_SECRET + CLIENT_SECRET))),
                Map.entry("no exp", handSigned("{\"iss\":\"bc\",\"aud\":\"" + CLIENT_ID + "\",\"sub\":\"stores/" + STORE_A_HASH
                        + "\",\"iat\":" + now + ",\"user\":{\"id\":1},\"owner\":{\"id\":1}}")),
                Map.entry("not a JWT", "not.a.jwt"));
        Map<String, String> reasons = Map.ofEntries(Map.entry("alg none", "HS256"), Map.entry("wrong key", "signature"),
                Map.entry("expired", "expired"), Map.entry("wrong audience", "client id"), Map.entry("wrong issuer", "issuer"),
                Map.entry("tampered payload", "signature"), Map.entry("unknown store", "no tenant"), Map.entry("HS512", "HS256"),
                Map.entry("no exp", "verification"), Map.entry("not a JWT", "malformed"));
        forgeries.forEach((what, jwt) -> {
            JwtRejectedException e = assertThrows(JwtRejectedException.class, () -> verifier.verifySignedPayload(jwt), what);
            assertTrue(e.getMessage().contains(reasons.get(what)), what + ": " + e.getMessage());
            assertFalse(e.getMessage().contains("owner@store-a"), what + ": " + e.getMessage());
        });
    }

    @Test
    void aPayloadIssuedInTheFutureIsRefused() {
        long now = Instant.now().getEpochSecond();
        long nextYear = now + 365L * 86_400;
        JwtRejectedException e = assertThrows(JwtRejectedException.class, () -> verifier.verifySignedPayload(
                signed(payload().issuedAt(nextYear).claim("nbf", now).expiresAt(nextYear + 3_600), CLIENT_SECRET)));
        assertTrue(e.getMessage().contains("issued in the future"), e.getMessage());
    }

    /** The leeway, and when "now" is, are the verifier's clock's: a payload 10 minutes ahead passes once the clock is there. */
    @Test
    void theIssuedAtCheckUsesTheVerifiersClockAndLeeway() {
        Instant now = Instant.now();
        MutableClock clock = new MutableClock(now);
        BigCommerceJwtVerifier timed = BigCommerceJwtVerifier.forClient(engine, "bc", clock);
        long iat = now.getEpochSecond() + 600;
        String ahead = signed(payload().issuedAt(iat).claim("nbf", now.getEpochSecond()).expiresAt(iat + 3_600), CLIENT_SECRET);
        assertThrows(JwtRejectedException.class, () -> timed.verifySignedPayload(ahead));
        clock.advance(Duration.ofSeconds(600 - 30)); // within the default leeway of 30 s
        assertEquals(STORE_A_HASH, timed.verifySignedPayload(ahead).storeHash());
    }

    @Test
    void aPayloadLivingLongerThanTheCapIsRefused() {
        long now = Instant.now().getEpochSecond();
        JwtRejectedException e = assertThrows(JwtRejectedException.class, () -> verifier.verifySignedPayload(
                signed(payload().issuedAt(now).expiresAt(now + 100L * 365 * 86_400), CLIENT_SECRET)));
        assertTrue(e.getMessage().contains("tollgate.bc.jwt-max-lifetime"), e.getMessage());
        assertThrows(JwtRejectedException.class, () -> verifier.verifySignedPayload(signed(payload().issuedAt(now).expiresAt(now + 86_401), CLIENT_SECRET)),
                "a second more than BigCommerce's 24 hours");
        assertEquals(STORE_A_HASH, verifier.verifySignedPayload(signed(payload().issuedAt(now).expiresAt(now + 86_400), CLIENT_SECRET)).storeHash());
    }

    @Test
    void theLifetimeCapIsAKey() {
        TollgateEngine capped = TollgateEngine.builder().config(TestConfig.with("tollgate.bc.provider", "bigcommerce")
                .and("tollgate.bc.client-id", CLIENT_ID)
                .and("tollgate.bc.client-secret", CLIENT_SECRET)
                .and("tollgate.bc.store-hash", STORE_A_HASH)
                .and("tollgate.bc.access-token", STORE_A_TOKEN)
                .and("tollgate.bc.jwt-max-lifetime", "PT1H").build()).build();
        BigCommerceJwtVerifier strict = BigCommerceJwtVerifier.forClient(capped, "bc");
        long now = Instant.now().getEpochSecond();
        assertThrows(JwtRejectedException.class, () -> strict.verifySignedPayload(signed(payload(), CLIENT_SECRET)), "24 h > PT1H");
        assertEquals(STORE_A_HASH, strict.verifySignedPayload(signed(payload().issuedAt(now).expiresAt(now + 3_600), CLIENT_SECRET)).storeHash());
    }

    @Test
    void theSameSignedPayloadIsRefusedTheSecondTime() {
        String captured = signed(payload().claim("jti", "captured-once"), CLIENT_SECRET);
        assertEquals(STORE_A_HASH, verifier.verifySignedPayload(captured).storeHash());
        JwtRejectedException e = assertThrows(JwtRejectedException.class, () -> verifier.verifySignedPayload(captured));
        assertTrue(e.getMessage().contains("used before"), e.getMessage());
        assertThrows(JwtRejectedException.class, () -> BigCommerceJwtVerifier.forClient(engine, "bc").verifySignedPayload(captured),
                "a new verifier of the same application and client remembers it too");
        assertEquals(STORE_A_HASH, verifier.verifySignedPayload(signed(payload().claim("jti", "another-one"), CLIENT_SECRET)).storeHash());
    }

    @Test
    void aPayloadWithoutJtiIsRefused() {
        long now = Instant.now().getEpochSecond();
        JwtRejectedException e = assertThrows(JwtRejectedException.class, () -> verifier.verifySignedPayload(
                handSigned("{\"iss\":\"bc\",\"aud\":\"" + CLIENT_ID + "\",\"sub\":\"stores/" + STORE_A_HASH + "\",\"iat\":" + now
                        + ",\"exp\":" + (now + 3_600) + ",\"user\":{\"id\":1},\"owner\":{\"id\":1}}")));
        assertTrue(e.getMessage().contains("no jti"), e.getMessage());
    }

    @Test
    void theCurrentCustomerJwtIsVerifiedWithItsOwnIssuerAndSubject() {
        long now = Instant.now().getEpochSecond();
        JwtClaimsBuilder customer = Jwt.claims().issuer("bc/apps").audience(CLIENT_ID).subject(STORE_A_HASH)
                .issuedAt(now).expiresAt(now + 900).claim("operation", "current_customer").claim("store_hash", STORE_A_HASH)
                .claim("customer", Map.of("id", 4242, "email", "jane@example.com", "group_id", 3));
        CurrentCustomer c = verifier.verifyCurrentCustomer(signed(customer, CLIENT_SECRET));
        assertEquals(4242, c.customerId());
        assertEquals(3, c.groupId());
        assertEquals("store-a", c.tenant().orElseThrow());
        assertThrows(JwtRejectedException.class, () -> verifier.verifyCurrentCustomer(signed(customer.issuer("bc"), CLIENT_SECRET)));
        assertEquals(URI.create("https://store-a.example.com/customer/current.jwt?app_client_id=" + CLIENT_ID),
                verifier.currentCustomerUrl("store-a"));
    }

    @Test
    void onlyACurrentCustomerOperationOfAtMostFifteenMinutesNamesTheBrowsersCustomer() {
        long now = Instant.now().getEpochSecond();
        JwtRejectedException otherOperation = assertThrows(JwtRejectedException.class, () -> verifier.verifyCurrentCustomer(
                signed(Jwt.claims().issuer("bc/apps").audience(CLIENT_ID).subject(STORE_A_HASH).issuedAt(now).expiresAt(now + 900)
                        .claim("operation", "app_extension").claim("customer", Map.of("id", 4242)), CLIENT_SECRET)));
        assertTrue(otherOperation.getMessage().contains("not a Current Customer JWT"), otherOperation.getMessage());
        JwtRejectedException dayLong = assertThrows(JwtRejectedException.class, () -> verifier.verifyCurrentCustomer(
                signed(Jwt.claims().issuer("bc/apps").audience(CLIENT_ID).subject(STORE_A_HASH).issuedAt(now).expiresAt(now + 86_000)
                        .claim("operation", "current_customer").claim("customer", Map.of("id", 4242)), CLIENT_SECRET)));
        assertTrue(dayLong.getMessage().contains("15 minutes"), dayLong.getMessage());
    }

    private static String str(Object claim) {
        return claim instanceof jakarta.json.JsonString s ? s.getString() : String.valueOf(claim);
    }

    /**
     * An HS256 JWT signed by hand, for claims SmallRye's builder would complete (it always adds
     * {@code exp}).
     */
    private static String handSigned(String claimsJson) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String input = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claimsJson.getBytes(StandardCharsets.UTF_8));
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(key(CLIENT_SECRET));
            return input + "." + b64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same claims with {@code alg: none} and no signature, as a forger would send them. */
    private static String unsigned(JwtClaimsBuilder claims) {
        String payload = signed(claims, CLIENT_SECRET).split("\\.")[1];
        String header = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}"
                .getBytes(StandardCharsets.UTF_8));
        return header + "." + payload + ".";
    }
}
