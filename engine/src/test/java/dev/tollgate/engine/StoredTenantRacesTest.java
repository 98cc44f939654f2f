package dev.tollgate.engine;

import static dev.tollgate.testkit.simulator.taxjar.TaxJarFixture.ACME_SANDBOX_TOKEN;
import static dev.tollgate.testkit.simulator.taxjar.TaxJarFixture.GLOBEX_SANDBOX_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.TenantCredentials;
import dev.tollgate.api.Tollgate;
import dev.tollgate.engine.fake.HeldTokenProvider;
import dev.tollgate.engine.fake.MemoryTenantStore;
import dev.tollgate.engine.fake.StoredBearerProvider;
import dev.tollgate.engine.testing.EngineHarness;
import dev.tollgate.engine.testing.StoreHarness;
import dev.tollgate.engine.testing.TaxJarLoopback;
import dev.tollgate.testkit.config.TestConfig;
import dev.tollgate.testkit.log.ConfiguredSecrets;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Stored tenants under concurrent calls: a save racing a fetch, and many calls at a re-check. */
class StoredTenantRacesTest {

    @RegisterExtension
    final EngineHarness harness = new EngineHarness();
    @RegisterExtension
    final StoreHarness stores = new StoreHarness();
    private final TaxJarLoopback taxjar = harness.taxjar();
    private final ExecutorService threads = Executors.newFixedThreadPool(8);

    @AfterEach
    void stopThreads() throws InterruptedException {
        HeldTokenProvider.release();
        threads.shutdownNow();
        assertTrue(threads.awaitTermination(10, TimeUnit.SECONDS));
    }

    private static Map<String, String> token(String value) {
        return Map.of("api-token", ConfiguredSecrets.record(value));
    }

    private int status(Client client, String tenant) {
        try (Response response = client.target(taxjar.sandboxUrl()).path("categories").request()
                .property(Tollgate.TENANT_PROPERTY, tenant).get()) {
            return response.getStatus();
        }
    }

    @Test
    void aFetchOfTheOldValuesStillRunningWhenTheTenantIsSavedAgainCachesNothing() throws Exception {
        TestConfig config = taxjar.config(HeldTokenProvider.ID).and("tollgate.taxjar.tenant-store", "database");
        TollgateEngine engine = TollgateEngine.builder().config(stores.configure(config).build()).clock(harness.clock)
                .sleeper(harness.sleeper).build();
        harness.closeAfter(engine::close);
        Client client = harness.client(engine, TaxJarLoopback.CLIENT);
        TenantCredentials tenants = engine.tenants().client("taxjar");
        tenants.save("acme", token(ACME_SANDBOX_TOKEN));

        HeldTokenProvider.hold();
        Future<Integer> racing = threads.submit(() -> status(client, "acme"));
        assertTrue(HeldTokenProvider.awaitHeldFetch(), "the fetch of the old token began");
        tenants.save("acme", token(GLOBEX_SANDBOX_TOKEN));
        HeldTokenProvider.release();
        assertEquals(200, racing.get(10, TimeUnit.SECONDS), "the call that began before the save went as it began");

        assertEquals(List.of("taxjar/acme/held token ****" + GLOBEX_SANDBOX_TOKEN.substring(28) + ", expires never"),
                snapshotAfter(() -> status(client, "acme"), engine));
        assertEquals("Bearer " + GLOBEX_SANDBOX_TOKEN, taxjar.journal().last().header("Authorization").orElseThrow());
        assertEquals(200, status(client, "acme"));
        assertEquals("Bearer " + GLOBEX_SANDBOX_TOKEN, taxjar.journal().last().header("Authorization").orElseThrow());
    }

    private static List<String> snapshotAfter(Runnable call, TollgateEngine engine) {
        call.run();
        return engine.cache().describe();
    }

    @Test
    void atTheRefreshIntervalOneCallReadsTheRevisionWhileTheOthersGoOnAndConfiguredTenantsNeverDo() throws Exception {
        MemoryTenantStore store = new MemoryTenantStore();
        TestConfig config = taxjar.config(StoredBearerProvider.ID).and("tollgate.taxjar.tenant-store", "database")
                .and("tollgate.taxjar.tenants.globex.api-token", GLOBEX_SANDBOX_TOKEN);
        TollgateEngine engine = TollgateEngine.builder().config(config.build()).clock(harness.clock).sleeper(harness.sleeper)
                .tenantStore(store).build();
        harness.closeAfter(engine::close);
        Client client = harness.client(engine, TaxJarLoopback.CLIENT);
        engine.tenants().client("taxjar").save("acme", token(ACME_SANDBOX_TOKEN));

        assertEquals(200, status(client, "acme"));
        assertEquals(200, status(client, "globex"));
        assertEquals(1, store.loads(), "one read of the store for the first call of a stored tenant");
        harness.clock.advance(Duration.ofSeconds(31));
        List<Future<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            String tenant = i % 2 == 0 ? "acme" : "globex";
            calls.add(threads.submit(() -> status(client, tenant)));
        }
        for (Future<Integer> call : calls) {
            assertEquals(200, call.get(10, TimeUnit.SECONDS));
        }
        assertEquals(1, store.revisionReads(), "one re-check for 16 calls of the stored tenant, none for the configured one");
        assertEquals(1, store.loads(), "the revision was the same: nothing loaded again");
    }

    @Test
    void aFirstLoadThatReadTheOldValuesJustBeforeASaveIsNotKept() throws Exception {
        MemoryTenantStore store = new MemoryTenantStore();
        TestConfig config = taxjar.config(StoredBearerProvider.ID).and("tollgate.taxjar.tenant-store", "database");
        TollgateEngine engine = TollgateEngine.builder().config(config.build()).clock(harness.clock).sleeper(harness.sleeper)
                .tenantStore(store).build();
        harness.closeAfter(engine::close);
        Client client = harness.client(engine, TaxJarLoopback.CLIENT);
        TenantCredentials tenants = engine.tenants().client("taxjar");
        tenants.save("acme", token(ACME_SANDBOX_TOKEN));

        store.holdNextLoad();
        Future<Integer> racing = threads.submit(() -> status(client, "acme"));
        assertTrue(store.awaitHeldLoad(), "the first call read the old values");
        tenants.save("acme", token(GLOBEX_SANDBOX_TOKEN));
        store.releaseLoad();
        assertEquals(200, racing.get(10, TimeUnit.SECONDS));

        assertEquals(200, status(client, "acme"));
        assertEquals("Bearer " + GLOBEX_SANDBOX_TOKEN, taxjar.journal().last().header("Authorization").orElseThrow(),
                "the next call uses the values saved, long before the refresh interval");
    }
}
