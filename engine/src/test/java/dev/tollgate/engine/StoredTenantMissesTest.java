package dev.tollgate.engine;

import static dev.tollgate.testkit.simulator.taxjar.TaxJarFixture.ACME_SANDBOX_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.TenantCredentials;
import dev.tollgate.api.Tollgate;
import dev.tollgate.api.TollgateException;
import dev.tollgate.api.UnsafeRequestException;
import dev.tollgate.engine.fake.MemoryTenantStore;
import dev.tollgate.engine.fake.StoredBearerProvider;
import dev.tollgate.engine.testing.EngineHarness;
import dev.tollgate.engine.testing.TaxJarLoopback;
import dev.tollgate.testkit.config.TestConfig;
import dev.tollgate.testkit.log.ConfiguredSecrets;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Calls of tenant names the store does not hold: a caller repeating invented names must not cost
 * a database read per call, and a tenant this engine has just saved must never look unknown.
 */
class StoredTenantMissesTest {

    @RegisterExtension
    final EngineHarness harness = new EngineHarness();
    private final TaxJarLoopback taxjar = harness.taxjar();
    private final MemoryTenantStore store = new MemoryTenantStore();
    private final ExecutorService threads = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopThreads() throws InterruptedException {
        store.releaseLoad();
        threads.shutdownNow();
        assertTrue(threads.awaitTermination(10, TimeUnit.SECONDS));
    }

    private TollgateEngine engine(TestConfig config) {
        TollgateEngine engine = TollgateEngine.builder().config(config.build()).clock(harness.clock)
                .sleeper(harness.sleeper).tenantStore(store).build();
        harness.closeAfter(engine::close);
        return engine;
    }

    private TollgateEngine engine() {
        return engine(taxjar.config(StoredBearerProvider.ID).and("tollgate.taxjar.tenant-store", "database"));
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

    private void assertUnknown(Client client, String tenant) {
        UnsafeRequestException refused = assertThrows(UnsafeRequestException.class, () -> status(client, tenant));
        assertTrue(refused.getMessage().contains("tenant not known"), refused.getMessage());
    }

    @Test
    void aNameTheStoreDoesNotHoldIsReadOnceNotOncePerCallAndIsSeenWhenThisEngineSavesIt() {
        TollgateEngine engine = engine();
        Client client = harness.client(engine, TaxJarLoopback.CLIENT);

        for (int i = 0; i < 50; i++) {
            assertUnknown(client, "ghost");
        }
        assertEquals(1, store.loads(), "50 calls of a name not stored: one read of the store");
        assertEquals(0, taxjar.journal().count());

        engine.tenants().client("taxjar").save("ghost", token(ACME_SANDBOX_TOKEN));
        assertEquals(200, status(client, "ghost"), "saved on this engine: usable at once");
    }

    @Test
    void aNameSavedByAnotherEngineIsSeenWithinTheRefreshInterval() {
        TollgateEngine engine = engine();
        TollgateEngine other = engine();
        Client client = harness.client(engine, TaxJarLoopback.CLIENT);
        assertUnknown(client, "acme");

        other.tenants().client("taxjar").save("acme", token(ACME_SANDBOX_TOKEN));
        harness.clock.advance(Duration.ofSeconds(30));
        assertEquals(200, status(client, "acme"));
    }

    @Test
    void aMissReadJustBeforeThisEngineSavesTheTenantIsNotRemembered() throws Exception {
        TollgateEngine engine = engine();
        Client client = harness.client(engine, TaxJarLoopback.CLIENT);
        TenantCredentials tenants = engine.tenants().client("taxjar");

        store.holdNextLoad();
        Future<?> racing = threads.submit(() -> assertUnknown(client, "acme"));
        assertTrue(store.awaitHeldLoad(), "the call read that acme is not stored");
        tenants.save("acme", token(ACME_SANDBOX_TOKEN));
        store.releaseLoad();
        racing.get(10, TimeUnit.SECONDS);

        assertEquals(200, status(client, "acme"), "the tenant just saved is not unknown on this engine");
    }

    @Test
    void tenThousandInventedNamesAreRememberedWithinABound() {
        TollgateEngine engine = engine(taxjar.config(StoredBearerProvider.ID).and("tollgate.taxjar.tenant-store", "database")
                .and(TollgateEngine.MAX_CACHED, "100"));
        Client client = harness.client(engine, TaxJarLoopback.CLIENT);
        for (int i = 0; i < 10_000; i++) {
            assertUnknown(client, "invented-" + i);
        }
        BoundClient bound = engine.bound("taxjar");
        assertTrue(bound.rememberedMisses() <= 100, "misses held: " + bound.rememberedMisses());
        assertTrue(bound.cachedTenantSettings() <= 100, "tenants held: " + bound.cachedTenantSettings());
        assertEquals(0, taxjar.journal().count());
    }

    @Test
    void aClosedEnginesCallOfAStoredTenantNotLoadedYetSaysItIsClosedWithoutReadingTheStore() {
        TollgateEngine engine = engine();
        Client client = harness.client(engine, TaxJarLoopback.CLIENT);
        engine.tenants().client("taxjar").save("acme", token(ACME_SANDBOX_TOKEN));
        taxjar.journal().clear();
        engine.close();

        TollgateException e = assertThrows(TollgateException.class, () -> status(client, "acme"));
        assertTrue(TollgateException.in(e).orElseThrow().getMessage().contains("engine has been closed"), e.getMessage());
        assertEquals(0, store.loads(), "the store is not read for an engine that serves nothing any more");
        assertEquals(0, taxjar.journal().count(), "nothing sent");
    }
}
