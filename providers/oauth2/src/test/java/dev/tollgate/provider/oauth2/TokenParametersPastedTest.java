package dev.tollgate.provider.oauth2;

import static dev.tollgate.testkit.simulator.oauth2.OAuth2Fixture.BILLING_CLIENT_ID;
import static dev.tollgate.testkit.simulator.oauth2.OAuth2Fixture.BILLING_CLIENT_SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.TollgateConfigException;
import dev.tollgate.engine.testing.EngineHarness;
import dev.tollgate.testkit.config.TestConfig;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code token-parameters} as an administrator copies it from a URL. */
class TokenParametersPastedTest {

    @RegisterExtension
    final EngineHarness harness = new EngineHarness();

    /**
     * A query copied with its '?' would send a parameter named "?tenant_hint", which the server
     * ignores (RFC 6749 §3.2): the token is issued without what the parameter asked for.
     */
    @Test
    void aQueryPastedWithItsQuestionMarkFailsDeploymentNamingTheKey() {
        List<TollgateConfigException> problems = harness.engine(TestConfig.with("tollgate.api.provider", OAuth2Provider.ID)
                .and("tollgate.api.base-url", "https://api.example.com/")
                .and("tollgate.api.token-url", "https://login.example.com/token")
                .and("tollgate.api.client-id", BILLING_CLIENT_ID)
                .and("tollgate.api.client-secret", BILLING_CLIENT_SECRET)
                .and("tollgate.api.token-parameters", "?tenant_hint=acme&prompt=none")).validate("api");

        assertEquals(1, problems.size(), problems.toString());
        String message = problems.get(0).getMessage();
        assertTrue(message.contains("tollgate.api.token-parameters starts with '?'"), message);
    }
}
