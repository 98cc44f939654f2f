package dev.tollgate.provider.bigcommerce;

import static dev.tollgate.testkit.simulator.bigcommerce.BigCommerceFixture.STORE_A_HASH;
import static dev.tollgate.testkit.simulator.bigcommerce.BigCommerceFixture.STORE_A_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tollgate.api.Tollgate;
import dev.tollgate.engine.TollgateEngine;
import dev.tollgate.testkit.config.TestConfig;
import dev.tollgate.testkit.http.LoopbackServer;
import dev.tollgate.testkit.http.RequestJournal;
import dev.tollgate.testkit.simulator.bigcommerce.BigCommerceSimulator;
import dev.tollgate.testkit.time.MutableClock;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A rate-limited storefront token request waits as long as BigCommerce's X-Retry-After asks. */
class BigCommerceRateLimitTest {

    @Test
    void aStorefrontTokenRequestAnswered429WaitsTheSecondsOfXRetryAfter() {
        MutableClock clock = MutableClock.startingAt("2026-11-22T08:00:00Z");
        BigCommerceSimulator bc = new BigCommerceSimulator(clock, new RequestJournal());
        List<Duration> waits = new CopyOnWriteArrayList<>();
        try (LoopbackServer api = LoopbackServer.serve(bc); LoopbackServer storefront = LoopbackServer.serve(bc)) {
            TollgateEngine engine = TollgateEngine.builder().clock(clock).sleeper(wait -> {
                waits.add(wait);
                clock.advance(wait);
            }).config(TestConfig.with("tollgate.bc.provider", "bigcommerce")
                    .and("tollgate.bc.base-url", api.url(""))
                    .and("tollgate.bc.token-retry-max-backoff", "PT10S")
                    .and("tollgate.bc.tenants.store-a.store-hash", STORE_A_HASH)
                    .and("tollgate.bc.tenants.store-a.access-token", STORE_A_TOKEN)
                    .and("tollgate.bc.tenants.store-a.storefront-url", storefront.url("")).build()).build();
            Client client = ClientBuilder.newClient().register(engine.feature("bc"));
            try {
                bc.faults().tooManyRequests(Duration.ofSeconds(7));
                try (Response r = client.target(storefront.url("graphql")).request()
                        .property(Tollgate.TENANT_PROPERTY, "store-a").post(Entity.json("{}"))) {
                    assertEquals(200, r.getStatus());
                }
            } finally {
                client.close();
                engine.close();
            }
        }
        assertEquals(List.of(Duration.ofSeconds(7)), waits);
    }
}
