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

/** {@code token-parameters} as an administrator copies it from a URL or another document. */
class TokenParametersPastedTest {

    @RegisterExtension
    final EngineHarness harness = new EngineHarness();

    /**
     * A query copied with its '?' would send a parameter named "?tenant_hint", which the server
     * ignores (RFC 6749 §3.2): the token is issued without what the parameter asked for.
     */
    @Test
    void aQueryPastedWithItsQuestionMarkFailsDeploymentNamingTheKey() {
        assertTrue(problem("?tenant_hint=acme&prompt=none").contains("tollgate.api.token-parameters starts with '?'"));
    }

    /**
     * A name that a case-insensitive comparison (Java's equalsIgnoreCase, .NET's OrdinalIgnoreCase)
     * takes for one Tollgate sets, through a dotless i (U+0131) or a long s (U+017F) that plain
     * lower-casing keeps, is refused as that name is: a server reading names loosely would see a
     * second client_id or scope.
     */
    @Test
    void aNameThatFoldsToOneTollgateSetsIsRefused() {
        assertTrue(problem("cl\u0131ent_id=someone-else".translateEscapes()).contains("which Tollgate sets itself; remove it"));
        assertTrue(problem("\u017Fcope=admin".translateEscapes()).contains("from tollgate.api.scope; set that key instead"));
    }

    private String problem(String tokenParameters) {
        List<TollgateConfigException> problems = harness.engine(TestConfig.with("tollgate.api.provider", OAuth2Provider.ID)
                .and("tollgate.api.base-url", "https://api.example.com/")
                .and("tollgate.api.token-url", "https://login.example.com/token")
                .and("tollgate.api.client-id", BILLING_CLIENT_ID)
                .and("tollgate.api.client-secret", BILLING_CLIENT_SECRET)
                .and("tollgate.api.token-parameters", tokenParameters)).validate("api");
        assertEquals(1, problems.size(), problems.toString());
        return problems.get(0).getMessage();
    }
}
