package dev.tollgate.provider.bigcommerce;

import static dev.tollgate.testkit.simulator.bigcommerce.BigCommerceFixture.STORE_A_HASH;
import static dev.tollgate.testkit.simulator.bigcommerce.BigCommerceFixture.STORE_A_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tollgate.api.Tollgate;
import dev.tollgate.engine.testing.EngineHarness;
import dev.tollgate.testkit.config.TestConfig;
import dev.tollgate.testkit.http.LoopbackServer;
import dev.tollgate.testkit.simulator.bigcommerce.BigCommerceSimulator;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A rate-limited storefront token request waits as long as BigCommerce's X-Retry-After asks. */
class BigCommerceRateLimitTest {

    @RegisterExtension
    final EngineHarness harness = new EngineHarness("2026-11-22T08:00:00Z");

    @Test
    void aStorefrontTokenRequestAnswered429WaitsTheSecondsOfXRetryAfter() {
        BigCommerceSimulator bc = new BigCommerceSimulator(harness.clock, harness.journal);
        LoopbackServer api = harness.serve(bc);
        LoopbackServer storefront = harness.serve(bc);
        Client client = harness.client(harness.engine(TestConfig.with("tollgate.bc.provider", "bigcommerce")
                .and("tollgate.bc.base-url", api.url(""))
                .and("tollgate.bc.token-retry-max-backoff", "PT10S")
                .and("tollgate.bc.tenants.store-a.store-hash", STORE_A_HASH)
                .and("tollgate.bc.tenants.store-a.access-token", STORE_A_TOKEN)
                .and("tollgate.bc.tenants.store-a.storefront-url", storefront.url(""))), "bc");
        bc.faults().tooManyRequests(Duration.ofSeconds(7));
        try (Response r = client.target(storefront.url("graphql")).request()
                .property(Tollgate.TENANT_PROPERTY, "store-a").post(Entity.json("{}"))) {
            assertEquals(200, r.getStatus());
        }
        assertEquals(List.of(Duration.ofSeconds(7)), harness.sleeper.waits());
    }
}
