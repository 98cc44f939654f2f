package dev.tollgate.provider.oauth2;

import static dev.tollgate.testkit.simulator.oauth2.OAuth2Fixture.BILLING_CLIENT_ID;
import static dev.tollgate.testkit.simulator.oauth2.OAuth2Fixture.BILLING_CLIENT_SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tollgate.engine.TollgateEngine;
import dev.tollgate.engine.testing.EngineHarness;
import dev.tollgate.engine.testing.OAuth2Loopback;
import dev.tollgate.testkit.config.TestConfig;
import dev.tollgate.testkit.simulator.oauth2.AuthorizationServerMetadata;
import dev.tollgate.testkit.simulator.oauth2.OAuth2Clients;
import dev.tollgate.testkit.simulator.oauth2.OAuth2Simulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Metadata documents a careless or lying server serves: JSON that is well-formed but not as RFC 8414 writes it. */
class OAuth2LyingMetadataTest {

    @RegisterExtension
    final EngineHarness harness = new EngineHarness();
    private final OAuth2Simulator simulator = new OAuth2Simulator(OAuth2Clients.standard(), harness.clock, harness.journal);
    private final OAuth2Loopback oauth2 = new OAuth2Loopback(simulator, harness.serve(simulator, simulator.wellKnown()),
            harness.journal);
    private final AuthorizationServerMetadata metadata = simulator.metadata();

    private String issuer() {
        return oauth2.url("oauth2");
    }

    private TestConfig config() {
        return TestConfig.with("tollgate.api.provider", OAuth2Provider.ID)
                .and("tollgate.api.base-url", oauth2.url("oauth2/"))
                .and("tollgate.api.issuer", issuer())
                .and("tollgate.api.client-id", BILLING_CLIENT_ID)
                .and("tollgate.api.client-secret", BILLING_CLIENT_SECRET);
    }

    private int call(TollgateEngine engine) {
        return oauth2.call(harness.client(engine, OAuth2Loopback.CLIENT));
    }

    /**
     * A null among token_endpoint_auth_methods_supported (a server's template with an empty slot)
     * names no method: the ones it does name decide, and the call is made as with a clean list.
     */
    @Test
    void aNullAmongTheAuthMethodsIsNoMethodAndTheOthersDecide() {
        metadata.garble("{\"issuer\":\"" + issuer() + "\",\"token_endpoint\":\"" + issuer() + "/token\","
                + "\"token_endpoint_auth_methods_supported\":[null,\"client_secret_basic\"]}");

        assertEquals(200, call(harness.engine(config())));
        assertEquals(1, simulator.tokenRequests());
    }
}
