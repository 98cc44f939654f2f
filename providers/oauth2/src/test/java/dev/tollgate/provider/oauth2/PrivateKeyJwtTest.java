package dev.tollgate.provider.oauth2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.engine.testing.EngineHarness;
import dev.tollgate.engine.testing.OAuth2Loopback;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** private_key_jwt (RFC 7523 §2.2) through the engine, against the simulator that verifies it as a server does. */
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

    private int call(dev.tollgate.testkit.config.TestConfig config) {
        return oauth2.call(harness.client(harness.engine(config), OAuth2Loopback.CLIENT));
    }

    @Test
    void rs256FromPkcs12IsAcceptedAndCarriesTheClaimsRfc7523Requires() {
        Path store = AssertionKeys.pkcs12(dir, AssertionKeys.RSA, AssertionKeys.RSA_CERTIFICATE);

        assertEquals(200, call(AssertionKeys.privateKeyJwt(oauth2, AssertionKeys.RSA_CLIENT, store)
                .and("tollgate.api.signing-key-id", AssertionKeys.KEY_ID)));

        List<String> assertions = oauth2.simulator().clientAssertions();
        assertEquals(1, assertions.size());
        Map<String, Object> header = AssertionKeys.part(assertions.get(0), 0);
        Map<String, Object> claims = AssertionKeys.part(assertions.get(0), 1);
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
}
