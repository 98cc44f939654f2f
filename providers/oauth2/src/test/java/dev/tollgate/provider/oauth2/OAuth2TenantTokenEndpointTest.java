package dev.tollgate.provider.oauth2;

import static dev.tollgate.testkit.simulator.oauth2.OAuth2Fixture.BILLING_CLIENT_ID;
import static dev.tollgate.testkit.simulator.oauth2.OAuth2Fixture.BILLING_CLIENT_SECRET;
import static dev.tollgate.testkit.simulator.oauth2.OAuth2Fixture.METRICS_CLIENT_ID;
import static dev.tollgate.testkit.simulator.oauth2.OAuth2Fixture.METRICS_CLIENT_SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.TollgateConfigException;
import dev.tollgate.engine.testing.EngineHarness;
import dev.tollgate.engine.testing.OAuth2Loopback;
import dev.tollgate.testkit.config.TestConfig;
import dev.tollgate.testkit.simulator.oauth2.OAuth2Clients;
import dev.tollgate.testkit.simulator.oauth2.OAuth2Simulator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Where a configured tenant's token requests go when the client and the tenant name the endpoint differently. */
class OAuth2TenantTokenEndpointTest {

    @RegisterExtension
    final EngineHarness harness = new EngineHarness();
    private final OAuth2Simulator simulator = new OAuth2Simulator(OAuth2Clients.standard(), harness.clock, harness.journal);
    private final OAuth2Loopback oauth2 = new OAuth2Loopback(simulator, harness.serve(simulator, simulator.wellKnown()),
            harness.journal);

    private TestConfig client() {
        return TestConfig.with("tollgate.api.provider", OAuth2Provider.ID)
                .and("tollgate.api.base-url", oauth2.url("oauth2/"))
                .and("tollgate.api.client-id", BILLING_CLIENT_ID)
                .and("tollgate.api.client-secret", BILLING_CLIENT_SECRET)
                .and("tollgate.api.tenants", "eu")
                .and("tollgate.api.tenants.eu.client-id", METRICS_CLIENT_ID)
                .and("tollgate.api.tenants.eu.client-secret", METRICS_CLIENT_SECRET);
    }

    /**
     * The tenant's own issuer would be ignored for the client's token-url, and the tenant's secret
     * sent to the client's authorization server: deployment fails naming the tenant's key instead.
     */
    @Test
    void aTenantsOwnIssuerUnderTheClientsTokenUrlFailsDeploymentNamingIt() {
        List<TollgateConfigException> problems = harness.engine(client()
                .and("tollgate.api.token-url", oauth2.url("oauth2/token"))
                .and("tollgate.api.tenants.eu.issuer", "https://eu.login.example.com/realms/shop")).validate("api");

        assertEquals(1, problems.size(), problems.toString());
        String message = problems.get(0).getMessage();
        assertTrue(message.contains("tollgate.api.tenants.eu.issuer is set for this tenant, but tollgate.api.token-url"), message);
        assertTrue(message.contains("tollgate.api.tenants.eu.token-url"), message);
        assertEquals(0, simulator.tokenRequests());
    }

    /** A tenant's own token-url is the most specific setting: it wins over the client's issuer, as documented. */
    @Test
    void aTenantsOwnTokenUrlUnderTheClientsIssuerIsValid() {
        assertEquals(List.of(), harness.engine(client()
                .and("tollgate.api.issuer", "https://login.example.com/realms/shop")
                .and("tollgate.api.tenants.eu.token-url", oauth2.url("oauth2/token"))).validate("api"));
    }
}
