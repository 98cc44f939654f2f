package dev.tollgate.engine;

import static dev.tollgate.testkit.simulator.taxjar.TaxJarFixture.ACME_SANDBOX_TOKEN;
import static dev.tollgate.testkit.simulator.taxjar.TaxJarFixture.GLOBEX_SANDBOX_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.Tollgate;
import dev.tollgate.api.UnsafeRequestException;
import dev.tollgate.engine.fake.StoredBearerProvider;
import dev.tollgate.engine.testing.EngineHarness;
import dev.tollgate.engine.testing.MemoryCluster;
import dev.tollgate.engine.testing.StoreHarness;
import dev.tollgate.engine.testing.TaxJarLoopback;
import dev.tollgate.testkit.config.TestConfig;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A stored tenant saved again or removed on one server of a cluster is dropped on every server at
 * once, not after {@code tollgate.store.refresh-interval}: the others' next call reads the store.
 */
class ClusterTenantNoticesTest {

    @RegisterExtension
    final EngineHarness harness = new EngineHarness();
    @RegisterExtension
    final StoreHarness stores = new StoreHarness();
    private final TaxJarLoopback taxjar = harness.taxjar();
    private final MemoryCluster cluster = new MemoryCluster(harness.clock);

    /** An hour between re-checks: only the cluster's notice can make a server see a change sooner. */
    private TollgateEngine node(String name, String cache) {
        TestConfig config = stores.configure(taxjar.config(StoredBearerProvider.ID).and("tollgate.taxjar.tenant-store", "database"))
                .and("tollgate.store.refresh-interval", "PT1H").and("tollgate.cache", cache);
        TollgateEngine engine = TollgateEngine.builder().config(config.build()).clock(harness.clock).sleeper(harness.sleeper)
                .sharedMap(cluster.node(name)).build();
        harness.closeAfter(engine::close);
        return engine;
    }

    private int status(Client client, String tenant) {
        try (Response response = client.target(taxjar.sandboxUrl()).path("categories").request()
                .property(Tollgate.TENANT_PROPERTY, tenant).get()) {
            return response.getStatus();
        }
    }

    private String lastBearer() {
        return taxjar.journal().last().header("Authorization").orElse("none");
    }

    @Test
    void aTenantSavedAgainOrRemovedOnOneServerIsDroppedOnTheOtherAtOnce() {
        TollgateEngine a = node("a", "cluster");
        TollgateEngine b = node("b", "cluster");
        Client onB = harness.client(b, TaxJarLoopback.CLIENT);

        a.tenants().client("taxjar").save("acme", Map.of("api-token", ACME_SANDBOX_TOKEN));
        assertEquals(200, status(onB, "acme"));
        assertEquals("Bearer " + ACME_SANDBOX_TOKEN, lastBearer());

        a.tenants().client("taxjar").save("acme", Map.of("api-token", GLOBEX_SANDBOX_TOKEN));
        assertEquals(200, status(onB, "acme"));
        assertEquals("Bearer " + GLOBEX_SANDBOX_TOKEN, lastBearer(), "b kept the replaced values");

        assertTrue(a.tenants().client("taxjar").remove("acme"));
        int sent = taxjar.journal().count();
        UnsafeRequestException refused = assertThrows(UnsafeRequestException.class, () -> status(onB, "acme"));
        assertTrue(refused.getMessage().contains("tenant not known"), refused.getMessage());
        assertEquals(sent, taxjar.journal().count(), "b sent a removed tenant's token");
    }

    @Test
    void withoutTheClusterTheOtherServerKeepsWhatItHoldsUntilItsNextCheck() {
        TollgateEngine a = node("a", "local");
        TollgateEngine b = node("b", "local");
        Client onB = harness.client(b, TaxJarLoopback.CLIENT);
        a.tenants().client("taxjar").save("acme", Map.of("api-token", ACME_SANDBOX_TOKEN));
        assertEquals(200, status(onB, "acme"));
        a.tenants().client("taxjar").save("acme", Map.of("api-token", GLOBEX_SANDBOX_TOKEN));
        assertEquals(200, status(onB, "acme"));
        assertEquals("Bearer " + ACME_SANDBOX_TOKEN, lastBearer(), "what the notice changes, for comparison");
    }
}
