package dev.tollgate.engine;

import static dev.tollgate.testkit.simulator.taxjar.TaxJarFixture.ACME_SANDBOX_TOKEN;
import static dev.tollgate.testkit.simulator.taxjar.TaxJarFixture.GLOBEX_SANDBOX_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.CredentialsRejectedException;
import dev.tollgate.api.TenantCredentials;
import dev.tollgate.api.TenantStoreException;
import dev.tollgate.api.Tollgate;
import dev.tollgate.api.TollgateConfigException;
import dev.tollgate.api.TollgateException;
import dev.tollgate.engine.fake.BrittleProvider;
import dev.tollgate.engine.fake.HeldTokenProvider;
import dev.tollgate.engine.fake.StoredBearerProvider;
import dev.tollgate.engine.testing.EngineHarness;
import dev.tollgate.engine.testing.StoreHarness;
import dev.tollgate.engine.testing.TaxJarLoopback;
import dev.tollgate.testkit.config.TestConfig;
import dev.tollgate.testkit.log.ConfiguredSecrets;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Stored tenants attacked: an engine used after it was closed, a row that lost its secret, a
 * remove racing a fetch, a tenant removed and saved again with the same values elsewhere, a 401
 * on a request that cannot be repeated, a mistyped refresh interval, and a provider that throws
 * at call time.
 */
class StoredTenantAttacksTest {

    @RegisterExtension
    final EngineHarness harness = new EngineHarness();
    @RegisterExtension
    final StoreHarness stores = new StoreHarness();
    private final TaxJarLoopback taxjar = harness.taxjar();
    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    @AfterEach
    void stopThreads() throws InterruptedException {
        HeldTokenProvider.release();
        threads.shutdownNow();
        assertTrue(threads.awaitTermination(10, TimeUnit.SECONDS));
    }

    private TollgateEngine engine(TestConfig config) {
        TollgateEngine engine = TollgateEngine.builder().config(stores.configure(config).build()).clock(harness.clock)
                .sleeper(harness.sleeper).build();
        harness.closeAfter(engine::close);
        return engine;
    }

    private TestConfig config(String provider) {
        return taxjar.config(provider).and("tollgate.taxjar.tenant-store", "database");
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
    void aClosedEngineStoresNothingSendsNothingAndSaysItIsClosed() {
        TollgateEngine engine = engine(config(StoredBearerProvider.ID));
        TenantCredentials heldBeforeClose = engine.tenants().client("taxjar");
        heldBeforeClose.save("globex", token(GLOBEX_SANDBOX_TOKEN));
        taxjar.journal().clear();
        engine.close();

        for (TenantCredentials tenants : List.of(heldBeforeClose, engine.tenants().client("taxjar"))) {
            assertClosed(() -> tenants.save("acme", token(ACME_SANDBOX_TOKEN)));
            assertClosed(() -> tenants.saveUnverified("acme", token(ACME_SANDBOX_TOKEN)));
            assertClosed(() -> tenants.remove("globex"));
            assertClosed(tenants::list);
            assertClosed(() -> tenants.masked("globex"));
        }
        assertClosed(() -> engine.tenants().reencrypt());
        assertEquals(0, taxjar.journal().count(), "no verification reached the vendor");
        assertEquals(java.util.Set.of("globex"), stores.store().tenants("taxjar"), "nothing stored, nothing removed");
    }

    private static void assertClosed(org.junit.jupiter.api.function.Executable operation) {
        TenantStoreException e = assertThrows(TenantStoreException.class, operation);
        assertTrue(e.getMessage().contains("engine has been closed"), e.getMessage());
    }

    @Test
    void aStoredRowThatLostItsSecretIsRefusedByNameAndTheClientsOwnTokenIsNotSentForIt() throws Exception {
        TollgateEngine engine = engine(config(StoredBearerProvider.ID).and("tollgate.taxjar.api-token", GLOBEX_SANDBOX_TOKEN));
        engine.tenants().client("taxjar").save("acme", Map.of("api-token", ConfiguredSecrets.record(ACME_SANDBOX_TOKEN), "label", "Acme"));
        try (Connection db = DriverManager.getConnection(stores.jdbcUrl(), "sa", ""); Statement sql = db.createStatement()) {
            assertEquals(1, sql.executeUpdate("DELETE FROM tollgate_tenant_value WHERE key_name = 'api-token'"));
        }
        taxjar.journal().clear();
        TollgateEngine other = engine(config(StoredBearerProvider.ID).and("tollgate.taxjar.api-token", GLOBEX_SANDBOX_TOKEN));
        Client client = harness.client(other, TaxJarLoopback.CLIENT);

        TollgateException e = assertThrows(TollgateException.class, () -> status(client, "acme"));
        assertTrue(e.getMessage().contains("tenant 'acme'") && e.getMessage().contains("save the tenant"), e.getMessage());
        assertEquals(0, taxjar.journal().count(), "nothing sent, the client's own token least of all");
    }

    @Test
    void aCallAfterRemoveReturnedNeverSendsTheOldTokenEvenWithAFetchOfItStillRunning() throws Exception {
        TollgateEngine engine = engine(config(HeldTokenProvider.ID));
        Client client = harness.client(engine, TaxJarLoopback.CLIENT);
        TenantCredentials tenants = engine.tenants().client("taxjar");
        tenants.save("acme", token(ACME_SANDBOX_TOKEN));
        HeldTokenProvider.hold();
        Future<Integer> racing = threads.submit(() -> status(client, "acme"));
        assertTrue(HeldTokenProvider.awaitHeldFetch());
        assertTrue(tenants.remove("acme"));
        HeldTokenProvider.release();
        racing.get(10, TimeUnit.SECONDS);
        int sent = taxjar.journal().count();
        assertThrows(TollgateException.class, () -> status(client, "acme"));
        assertEquals(sent, taxjar.journal().count());
        assertEquals(List.of(), engine.cache().describe());
    }

    @Test
    void aTenantRemovedAndSavedAgainWithTheSameValuesOnAnotherEngineIsReloadedHereWithItsNewRevision() {
        TollgateEngine a = engine(config(HeldTokenProvider.ID));
        TollgateEngine b = engine(config(HeldTokenProvider.ID));
        Client clientB = harness.client(b, TaxJarLoopback.CLIENT);
        a.tenants().client("taxjar").save("acme", token(ACME_SANDBOX_TOKEN));
        assertEquals(200, status(clientB, "acme"));
        long firstRevision = b.bound("taxjar").knownTenant("acme").revision();
        assertTrue(a.tenants().client("taxjar").remove("acme"));
        a.tenants().client("taxjar").save("acme", token(ACME_SANDBOX_TOKEN));
        harness.clock.advance(Duration.ofSeconds(30));
        assertEquals(200, status(clientB, "acme"));
        assertEquals(List.of("taxjar/acme/held token ****f2f4, expires never"), b.cache().describe(),
                "one credential: the first revision's was dropped when the new one was loaded");
        assertTrue(b.bound("taxjar").knownTenant("acme").revision() > firstRevision, "held at the new revision");
    }

    @Test
    void aTokenRefusedOnARequestThatCannotBeRepeatedStillMakesTheNextCallUseTheValuesSavedElsewhere() {
        TollgateEngine a = engine(config(StoredBearerProvider.ID));
        TollgateEngine b = engine(config(StoredBearerProvider.ID));
        Client clientB = harness.client(b, TaxJarLoopback.CLIENT);
        a.tenants().client("taxjar").save("acme", token(ACME_SANDBOX_TOKEN));
        assertEquals(200, status(clientB, "acme"));
        // the merchant regenerates the token at TaxJar and pastes the new one on server A
        taxjar.accounts().revoke(ACME_SANDBOX_TOKEN);
        a.tenants().client("taxjar").save("acme", token(GLOBEX_SANDBOX_TOKEN));
        taxjar.journal().clear();

        CredentialsRejectedException refused = assertThrows(CredentialsRejectedException.class, () -> postStreamedOrder(clientB));
        assertTrue(refused.getMessage().contains("send it again"), refused.getMessage());
        assertEquals(List.of(401), statuses(), "a streamed body is sent once only: no repeat");

        assertEquals(200, postStreamedOrder(clientB), "the next call goes with the values the store holds by now");
        assertEquals(List.of(401, 200), statuses());
        assertEquals("Bearer " + GLOBEX_SANDBOX_TOKEN, taxjar.journal().last().header("Authorization").orElseThrow());
    }

    private int postStreamedOrder(Client client) {
        InputStream order = new ByteArrayInputStream("{\"amount\": 15, \"shipping\": 1.5}".getBytes(StandardCharsets.UTF_8));
        try (Response response = client.target(taxjar.sandboxUrl()).path("taxes").request()
                .property(Tollgate.TENANT_PROPERTY, "acme").post(Entity.entity(order, MediaType.APPLICATION_JSON_TYPE))) {
            return response.getStatus();
        }
    }

    private List<Integer> statuses() {
        return taxjar.journal().requests().stream().map(r -> r.status()).toList();
    }

    @Test
    void aRefreshIntervalOfZeroNegativeOverADayOrUnderAMillisecondIsADeploymentError() {
        for (String bad : List.of("PT0S", "-PT30S", "P2D", "PT0.0001S", "30")) {
            TollgateEngine engine = engine(config(StoredBearerProvider.ID).and(TollgateEngine.STORE_REFRESH_INTERVAL, bad));
            List<TollgateConfigException> problems = engine.validate("taxjar");
            assertTrue(problems.stream().anyMatch(p -> p.getMessage().contains(TollgateEngine.STORE_REFRESH_INTERVAL)),
                    bad + ": " + problems);
        }
        assertEquals(List.of(), engine(config(StoredBearerProvider.ID).and(TollgateEngine.STORE_REFRESH_INTERVAL, "PT0.5S"))
                .validate("taxjar"));
    }

    @Test
    void aProviderThatThrowsAtCallTimeForAStoredTenantSendsNothingAndLeaksNothing() {
        TollgateEngine engine = TollgateEngine.builder().config(stores.configure(config(BrittleProvider.ID)).build())
                .providers(List.of(new BrittleProvider())).clock(harness.clock).sleeper(harness.sleeper).build();
        harness.closeAfter(engine::close);
        Client client = harness.client(engine, TaxJarLoopback.CLIENT);
        engine.tenants().client("taxjar").saveUnverified("acme",
                Map.of("api-token", ConfiguredSecrets.record(ACME_SANDBOX_TOKEN), "label", "explode"));

        RuntimeException e = assertThrows(RuntimeException.class, () -> status(client, "acme"));
        TollgateException failure = TollgateException.in(e).orElseThrow(() -> new AssertionError("not Tollgate's: " + e));
        assertTrue(failure.getMessage().contains("java.lang.IllegalStateException: cannot use ")
                && failure.getMessage().contains("tenant 'acme'") && failure.getMessage().contains("Nothing was sent"),
                "the provider's words for the developer, without the token: " + failure.getMessage());
        for (Throwable c = e; c != null; c = c.getCause()) {
            assertFalse(String.valueOf(c).contains(ACME_SANDBOX_TOKEN), "a secret in: " + c);
        }
        assertEquals(0, taxjar.journal().count());
    }
}
