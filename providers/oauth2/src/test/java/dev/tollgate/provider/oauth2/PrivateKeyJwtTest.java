package dev.tollgate.provider.oauth2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.CredentialsRejectedException;
import dev.tollgate.engine.TollgateEngine;
import dev.tollgate.engine.testing.EngineHarness;
import dev.tollgate.engine.testing.OAuth2Loopback;
import dev.tollgate.testkit.config.TestConfig;
import dev.tollgate.testkit.log.ConfiguredSecrets;
import jakarta.ws.rs.client.Client;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * private_key_jwt (RFC 7523 §2.2) through the engine, against the simulator that verifies each
 * assertion as a server does: its signature with the registered public key, its claims, its jti.
 */
class PrivateKeyJwtTest {

    @RegisterExtension
    final EngineHarness harness = new EngineHarness();
    private final OAuth2Loopback oauth2 = harness.oauth2();

    @TempDir
    Path dir;

    @BeforeEach
    void register() {
        AssertionKeys.register(oauth2);
    }

    private Client client(TestConfig config) {
        return harness.client(harness.engine(config), OAuth2Loopback.CLIENT);
    }

    private int call(TestConfig config) {
        return oauth2.call(client(config));
    }

    private List<String> assertions() {
        List<String> assertions = oauth2.simulator().clientAssertions();
        assertions.forEach(ConfiguredSecrets::record); // the log-leak scan looks for each one
        return assertions;
    }

    @Test
    void rs256FromPkcs12IsAcceptedAndCarriesTheClaimsRfc7523Requires() {
        Path store = AssertionKeys.pkcs12(dir, AssertionKeys.RSA, AssertionKeys.RSA_CERTIFICATE);

        assertEquals(200, call(AssertionKeys.privateKeyJwt(oauth2, AssertionKeys.RSA_CLIENT, store)
                .and("tollgate.api.signing-key-id", AssertionKeys.KEY_ID)));

        assertEquals(1, assertions().size());
        Map<String, Object> header = AssertionKeys.part(assertions().get(0), 0);
        Map<String, Object> claims = AssertionKeys.part(assertions().get(0), 1);
        assertEquals("RS256", header.get("alg"));
        assertEquals(AssertionKeys.KEY_ID, header.get("kid"));
        assertEquals(AssertionKeys.RSA_CLIENT, claims.get("iss"));
        assertEquals(AssertionKeys.RSA_CLIENT, claims.get("sub"));
        assertEquals(oauth2.url("oauth2/token"), claims.get("aud"));
        long iat = ((BigDecimal) claims.get("iat")).longValue();
        assertEquals(harness.clock.instant().getEpochSecond(), iat, "iat comes from the engine's clock");
        assertEquals(iat + 60, ((BigDecimal) claims.get("exp")).longValue(), "the default lifetime is one minute");
        assertTrue(((String) claims.get("jti")).length() >= 22, "at least 128 random bits");
        assertTrue(harness.journal.requests().get(0).header("Authorization").isEmpty(), "no Basic besides the assertion");
    }

    @Test
    void ps256FromJks() {
        Path store = AssertionKeys.jks(dir, AssertionKeys.RSA, AssertionKeys.RSA_CERTIFICATE);

        assertEquals(200, call(AssertionKeys.privateKeyJwt(oauth2, AssertionKeys.RSA_CLIENT, store)
                .and("tollgate.api.signing-algorithm", "PS256")));

        assertEquals("PS256", AssertionKeys.part(assertions().get(0), 0).get("alg"));
        assertFalse(AssertionKeys.part(assertions().get(0), 0).containsKey("kid"), "no kid unless configured");
    }

    @Test
    void rs256FromPem() {
        Path pem = AssertionKeys.pem(dir, AssertionKeys.RSA, AssertionKeys.RSA_CERTIFICATE);

        assertEquals(200, call(AssertionKeys.privateKeyJwt(oauth2, AssertionKeys.RSA_CLIENT, pem)));

        assertEquals("RS256", AssertionKeys.part(assertions().get(0), 0).get("alg"));
    }

    @Test
    void es256IsTheDefaultForAnEcKeyFromPkcs12() {
        Path store = AssertionKeys.pkcs12(dir, AssertionKeys.EC, AssertionKeys.EC_CERTIFICATE);

        assertEquals(200, call(AssertionKeys.privateKeyJwt(oauth2, AssertionKeys.EC_CLIENT, store)));

        assertEquals("ES256", AssertionKeys.part(assertions().get(0), 0).get("alg"));
    }

    @Test
    void es256FromJksAndFromPem() {
        Path jks = AssertionKeys.jks(dir, AssertionKeys.EC, AssertionKeys.EC_CERTIFICATE);
        assertEquals(200, call(AssertionKeys.privateKeyJwt(oauth2, AssertionKeys.EC_CLIENT, jks)
                .and("tollgate.api.signing-algorithm", "ES256")));

        Path pem = AssertionKeys.pem(dir, AssertionKeys.EC, null);
        assertEquals(200, call(AssertionKeys.privateKeyJwt(oauth2, AssertionKeys.EC_CLIENT, pem)));

        assertEquals(2, assertions().size());
        assertEquals(0, oauth2.simulator().replayedAssertions());
    }

    /** A key made for RSASSA-PSS only (its own OID in PKCS#8) signs PS256 by default. */
    @Test
    void aKeyRestrictedToPssSignsPs256() throws Exception {
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSASSA-PSS");
        generator.initialize(2048);
        java.security.KeyPair pss = generator.generateKeyPair();
        oauth2.simulator().clients().add(new dev.tollgate.testkit.simulator.oauth2.OAuth2Clients.Client("pss-client", null,
                        dev.tollgate.testkit.simulator.oauth2.OAuth2Clients.AuthMethod.PRIVATE_KEY_JWT, Set.of("invoices:read"),
                        Duration.ofMinutes(5), false, false),
                new dev.tollgate.testkit.simulator.oauth2.OAuth2Clients.AssertionKey(pss.getPublic(), null, Set.of()));
        Path pem = dev.tollgate.testkit.pki.TestKeyStores.pem(dir.resolve("pss.pem"), pss, null);

        assertEquals(200, call(AssertionKeys.privateKeyJwt(oauth2, "pss-client", pem)));

        assertEquals("PS256", AssertionKeys.part(assertions().get(0), 0).get("alg"));
    }

    /** §6: the refresh grant authenticates the client too, with an assertion of its own. */
    @Test
    void theRefreshGrantCarriesAFreshAssertion() {
        Path store = AssertionKeys.pkcs12(dir, AssertionKeys.RSA, AssertionKeys.RSA_CERTIFICATE);
        Client client = client(AssertionKeys.privateKeyJwt(oauth2, AssertionKeys.RSA_CLIENT, store));
        assertEquals(200, oauth2.call(client));

        harness.clock.advance(Duration.ofMinutes(6)); // past the 5-minute access token
        assertEquals(200, oauth2.call(client));

        assertEquals(1, oauth2.simulator().grants("client_credentials"));
        assertEquals(1, oauth2.simulator().grants("refresh_token"));
        List<String> assertions = assertions();
        assertEquals(2, assertions.size());
        Map<String, Object> refresh = AssertionKeys.part(assertions.get(1), 1);
        assertEquals(harness.clock.instant().getEpochSecond(), ((BigDecimal) refresh.get("iat")).longValue(),
                "the refresh's assertion is made when the refresh is");
        assertEquals(0, oauth2.simulator().replayedAssertions());
    }

    @Test
    void twoTokenRequestsNeverShareAJti() {
        Path store = AssertionKeys.pkcs12(dir, AssertionKeys.RSA, AssertionKeys.RSA_CERTIFICATE);
        TestConfig config = AssertionKeys.privateKeyJwt(oauth2, AssertionKeys.RSA_CLIENT, store);
        for (int i = 0; i < 5; i++) {
            assertEquals(200, call(config)); // a new engine each time: a new client credentials grant, same second
        }

        Set<Object> jtis = new HashSet<>();
        assertions().forEach(a -> jtis.add(AssertionKeys.part(a, 1).get("jti")));
        assertEquals(5, jtis.size());
        assertEquals(0, oauth2.simulator().replayedAssertions());
    }

    @Test
    void theAudienceAndLifetimeAreConfigurable() {
        Path store = AssertionKeys.pkcs12(dir, AssertionKeys.RSA, AssertionKeys.RSA_CERTIFICATE);

        // some servers want their issuer as the audience
        assertEquals(200, call(AssertionKeys.privateKeyJwt(oauth2, AssertionKeys.RSA_CLIENT, store)
                .and("tollgate.api.assertion-audience", oauth2.url("oauth2"))
                .and("tollgate.api.assertion-lifetime", "PT5M")));

        Map<String, Object> claims = AssertionKeys.part(assertions().get(0), 1);
        assertEquals(oauth2.url("oauth2"), claims.get("aud"));
        assertEquals(300, ((BigDecimal) claims.get("exp")).longValue() - ((BigDecimal) claims.get("iat")).longValue());
    }

    /** A key in the token URL's query stays out of the assertion, whose aud is the endpoint as the server names itself. */
    @Test
    void theAudienceIsTheTokenEndpointWithoutItsQuery() {
        Path store = AssertionKeys.pkcs12(dir, AssertionKeys.RSA, AssertionKeys.RSA_CERTIFICATE);
        String inQuery = ConfiguredSecrets.record("Qk7vRz2pXw9mLt4n");

        assertEquals(200, call(AssertionKeys.privateKeyJwt(oauth2, AssertionKeys.RSA_CLIENT, store)
                .and("tollgate.api.token-url", oauth2.url("oauth2/token") + "?access_key=" + inQuery)));

        assertEquals(oauth2.url("oauth2/token"), AssertionKeys.part(assertions().get(0), 1).get("aud"));
    }

    /** A key the server does not have on file for the client: refused with the server's explanation. */
    @Test
    void anAssertionSignedWithAnotherKeyIsRefusedByTheServer() {
        Path store = AssertionKeys.pkcs12(dir, AssertionKeys.RSA, AssertionKeys.RSA_CERTIFICATE);
        Client client = client(AssertionKeys.privateKeyJwt(oauth2, AssertionKeys.EC_CLIENT, store)); // EC_CLIENT has the EC key on file

        CredentialsRejectedException e = org.junit.jupiter.api.Assertions.assertThrows(CredentialsRejectedException.class,
                () -> oauth2.call(client));

        assertEquals(401, e.status());
        assertTrue(e.vendorDetail().orElseThrow().startsWith("invalid_client"), e.vendorDetail().orElseThrow());
        // the advice names what decides an assertion's fate, not a client secret it does not use
        assertTrue(e.getMessage().contains("Check tollgate.api.client-id, tollgate.api.signing-key-store, tollgate.api.signing-key-id,"
                + " tollgate.api.signing-algorithm, tollgate.api.assertion-audience, tollgate.api.auth-method and tollgate.api.scope"),
                e.getMessage());
        assertFalse(e.getMessage().contains("client-secret"), e.getMessage());
        assertEquals(0, oauth2.apiRequests().size());
    }

    @Test
    void anEngineValidatesAGoodConfigurationWithoutAProblem() {
        Path store = AssertionKeys.pkcs12(dir, AssertionKeys.RSA, AssertionKeys.RSA_CERTIFICATE);
        TollgateEngine engine = harness.engine(AssertionKeys.privateKeyJwt(oauth2, AssertionKeys.RSA_CLIENT, store));

        assertEquals(List.of(), engine.validate("api"));
        assertEquals(0, oauth2.simulator().tokenRequests(), "validation sends nothing");
    }
}
