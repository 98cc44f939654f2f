package dev.tollgate.testkit.simulator.bigcommerce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tollgate.testkit.http.RequestJournal;
import dev.tollgate.testkit.time.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.Test;

/**
 * The simulator's {@code signed_payload_jwt} verifies with a JOSE library (jose4j, not the
 * simulator's own code) as providers/bigcommerce/PROTOCOL.md's Inbound part describes it.
 */
class BigCommerceSignedPayloadTest {

    static final String CLIENT_ID = "app-client-9Tq4";
    static final String CLIENT_SECRET = "app-S3cret-for-the-payload-tests-0123456789";
    static final String STORE = "n3wst0re";

    final MutableClock clock = MutableClock.startingAt("2026-03-01T10:00:00Z");
    final BigCommerceSimulator bc = new BigCommerceSimulator(clock, new RequestJournal())
            .registerApp(CLIENT_ID, CLIENT_SECRET, "https://app.example.com/auth");

    private JwtConsumer verifier(String secret, String audience) {
        return new JwtConsumerBuilder()
                .setVerificationKey(new HmacKey(secret.getBytes(StandardCharsets.UTF_8)))
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.HMAC_SHA256)
                .setExpectedAudience(audience)
                .setExpectedIssuer("bc")
                .setRequireExpirationTime()
                .setRequireJwtId()
                .setEvaluationTime(NumericDate.fromSeconds(clock.instant().getEpochSecond()))
                .build();
    }

    @Test
    void aLoadPayloadCarriesBigCommercesClaimsSignedWithTheAppsSecret() throws Exception {
        long now = clock.instant().getEpochSecond();
        JwtClaims claims = verifier(CLIENT_SECRET, CLIENT_ID).processToClaims(bc.signedPayload(CLIENT_ID, STORE, 4242, "clerk@example.com"));

        assertEquals("stores/" + STORE, claims.getSubject());
        assertEquals(now, claims.getIssuedAt().getValue());
        assertEquals(now, claims.getNotBefore().getValue());
        assertEquals(now + Duration.ofHours(24).toSeconds(), claims.getExpirationTime().getValue());
        assertEquals("/", claims.getStringClaimValue("url"));
        assertEquals(1L, ((Number) claims.getClaimValue("channel_id")).longValue());
        Map<String, Object> user = claims.getClaimValue("user", Map.class);
        assertEquals(4242L, ((Number) user.get("id")).longValue());
        assertEquals("clerk@example.com", user.get("email"));
        assertEquals("en-US", user.get("locale"));
        Map<String, Object> owner = claims.getClaimValue("owner", Map.class);
        StoreUser storeOwner = StoreUser.ownerOf(STORE);
        assertEquals(storeOwner.id(), ((Number) owner.get("id")).longValue());
        assertEquals(storeOwner.email(), owner.get("email"));
    }

    @Test
    void eachPayloadHasItsOwnId() throws Exception {
        JwtConsumer verifier = verifier(CLIENT_SECRET, CLIENT_ID);
        String first = verifier.processToClaims(bc.signedPayload(CLIENT_ID, STORE, 1, "a@example.com")).getJwtId();
        String second = verifier.processToClaims(bc.signedPayload(CLIENT_ID, STORE, 1, "a@example.com")).getJwtId();
        assertNotEquals(first, second);
    }

    @Test
    void anotherSecretOrAudienceDoesNotVerifyIt() {
        String payload = bc.signedPayload(CLIENT_ID, STORE, 1, "a@example.com");
        assertThrows(InvalidJwtException.class, () -> verifier(CLIENT_SECRET + "x", CLIENT_ID).processToClaims(payload));
        assertThrows(InvalidJwtException.class, () -> verifier(CLIENT_SECRET, "another-app").processToClaims(payload));
    }

    @Test
    void aPayloadExpiresADayLater() {
        String payload = bc.signedPayload(CLIENT_ID, STORE, 1, "a@example.com");
        clock.advance(Duration.ofHours(24).plusSeconds(1));
        assertThrows(InvalidJwtException.class, () -> verifier(CLIENT_SECRET, CLIENT_ID).processToClaims(payload));
    }

    @Test
    void theUninstallPayloadIsSignedForTheStoresOwner() throws Exception {
        bc.install(CLIENT_ID, STORE, "store_v2_products");
        JwtClaims claims = verifier(CLIENT_SECRET, CLIENT_ID).processToClaims(bc.uninstall(CLIENT_ID, STORE));
        assertEquals("stores/" + STORE, claims.getSubject());
        Map<String, Object> user = claims.getClaimValue("user", Map.class);
        assertEquals(StoreUser.ownerOf(STORE).id(), ((Number) user.get("id")).longValue());
    }

    @Test
    void theFixtureAppGetsPayloadsSignedWithItsSecretFromTheStart() throws Exception {
        BigCommerceSimulator fresh = new BigCommerceSimulator(clock, new RequestJournal());
        String payload = fresh.signedPayload(BigCommerceFixture.APP_CLIENT_ID, BigCommerceFixture.STORE_A_HASH, 7, "b@example.com");
        assertEquals("stores/" + BigCommerceFixture.STORE_A_HASH,
                verifier(BigCommerceFixture.APP_CLIENT_SECRET, BigCommerceFixture.APP_CLIENT_ID).processToClaims(payload).getSubject());
    }
}
