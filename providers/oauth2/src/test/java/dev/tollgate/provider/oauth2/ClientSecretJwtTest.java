package dev.tollgate.provider.oauth2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.engine.testing.EngineHarness;
import dev.tollgate.engine.testing.OAuth2Loopback;
import dev.tollgate.testkit.config.TestConfig;
import dev.tollgate.testkit.log.ConfiguredSecrets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** client_secret_jwt (RFC 7523 §2.2, HS256 with the client secret) through the engine, against the simulator. */
class ClientSecretJwtTest {

    @RegisterExtension
    final EngineHarness harness = new EngineHarness();
    private final OAuth2Loopback oauth2 = harness.oauth2();

    @BeforeEach
    void register() {
        AssertionKeys.register(oauth2);
    }

    private TestConfig config() {
        return oauth2.config(OAuth2Provider.ID, AssertionKeys.SECRET_JWT_CLIENT, AssertionKeys.SECRET_JWT_SECRET)
                .and("tollgate.api.auth-method", "client_secret_jwt");
    }

    @Test
    void hs256WithTheClientSecretIsAcceptedAndTheSecretItselfIsNeverSent() {
        var client = harness.client(harness.engine(config()), OAuth2Loopback.CLIENT);
        assertEquals(200, oauth2.call(client));
        harness.clock.advance(Duration.ofMinutes(6));
        assertEquals(200, oauth2.call(client)); // and the refresh grant, with an assertion of its own

        List<String> assertions = oauth2.simulator().clientAssertions();
        assertions.forEach(ConfiguredSecrets::record); // the log-leak scan looks for each one
        assertEquals(2, assertions.size());
        assertEquals(1, oauth2.simulator().grants("refresh_token"));
        Map<String, Object> header = AssertionKeys.part(assertions.get(0), 0);
        assertEquals("HS256", header.get("alg"));
        assertEquals(AssertionKeys.SECRET_JWT_CLIENT, AssertionKeys.part(assertions.get(0), 1).get("sub"));
        assertTrue(harness.journal.requests().get(0).header("Authorization").isEmpty());
    }
}
