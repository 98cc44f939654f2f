package dev.tollgate.engine;

import static dev.tollgate.testkit.simulator.taxjar.TaxJarFixture.ACME_SANDBOX_TOKEN;
import static dev.tollgate.testkit.simulator.taxjar.TaxJarFixture.GLOBEX_SANDBOX_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.TenantCredentials;
import dev.tollgate.api.TenantStoreException;
import dev.tollgate.api.Tollgate;
import dev.tollgate.api.TollgateConfigException;
import dev.tollgate.engine.fake.StoredBearerProvider;
import dev.tollgate.engine.testing.EngineHarness;
import dev.tollgate.engine.testing.StoreHarness;
import dev.tollgate.engine.testing.TaxJarLoopback;
import dev.tollgate.testkit.config.TestConfig;
import dev.tollgate.testkit.log.ConfiguredSecrets;
import dev.tollgate.testkit.log.SecretScan;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.core.Response;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The tenant store failing under the engine: the database down (H2's TCP server stopped), a row
 * altered outside Tollgate, the store's keys missing. Credentials already in use keep being
 * served; anything that needs the store fails with a clear exception and sends nothing; no saved
 * secret appears in any exception.
 */
class StoredTenantFaultsTest {

    @RegisterExtension
    final EngineHarness harness = new EngineHarness();
    @RegisterExtension
    final StoreHarness stores = new StoreHarness();
    private final TaxJarLoopback taxjar = harness.taxjar();
    private final List<String> saved = new ArrayList<>();
    private final List<Throwable> thrown = new ArrayList<>();

    private TollgateEngine engine() {
        TestConfig config = taxjar.config(StoredBearerProvider.ID).and("tollgate.taxjar.tenant-store", "database");
        TollgateEngine engine = TollgateEngine.builder().config(stores.configure(config).build()).clock(harness.clock)
                .sleeper(harness.sleeper).build();
        harness.closeAfter(engine::close);
        return engine;
    }

    private Map<String, String> token(String value) {
        saved.add(ConfiguredSecrets.record(value));
        return Map.of("api-token", value);
    }

    private int status(Client client, String tenant) {
        try (Response response = client.target(taxjar.sandboxUrl()).path("categories").request()
                .property(Tollgate.TENANT_PROPERTY, tenant).get()) {
            return response.getStatus();
        }
    }

    private <T extends Throwable> T expect(Class<T> type, org.junit.jupiter.api.function.Executable call) {
        T e = assertThrows(type, call);
        thrown.add(e);
        return e;
    }

    private void assertNoSecretInExceptions() {
        for (Throwable t : thrown) {
            for (Throwable c = t; c != null; c = c.getCause()) {
                assertFalse(SecretScan.containsAny(String.valueOf(c.getMessage()) + c, saved), "a secret in: " + c);
            }
        }
    }

    @Test
    void withTheDatabaseDownCachedCredentialsAreServedAndEverythingElseFailsClearlySendingNothing() {
        stores.overTcp();
        TollgateEngine engine = engine();
        Client client = harness.client(engine, TaxJarLoopback.CLIENT);
        TenantCredentials tenants = engine.tenants().client("taxjar");
        tenants.save("acme", token(ACME_SANDBOX_TOKEN));
        tenants.save("globex", token(GLOBEX_SANDBOX_TOKEN));
        assertEquals(200, status(client, "acme"));

        stores.stop();
        TenantStoreException save = expect(TenantStoreException.class, () -> tenants.saveUnverified("initech", token("c0ffee00c0ffee00c0ffee00c0ffee00")));
        assertTrue(save.getMessage().contains("tenant 'initech'"), save.getMessage());
        taxjar.journal().clear();

        assertEquals(200, status(client, "acme"), "a loaded tenant's credential is still served");
        harness.clock.advance(Duration.ofMinutes(5));
        assertEquals(200, status(client, "acme"), "also when its re-check cannot reach the store");
        assertEquals(2, taxjar.journal().count());

        TenantStoreException notLoaded = expect(TenantStoreException.class, () -> status(client, "globex"));
        assertTrue(notLoaded.getMessage().contains("tenant 'globex'"), notLoaded.getMessage());
        assertEquals(2, taxjar.journal().count(), "nothing was sent for a tenant the store could not give");
        expect(TenantStoreException.class, () -> tenants.list());
        expect(TenantStoreException.class, () -> tenants.remove("acme"));

        stores.restart();
        assertEquals(200, status(client, "globex"), "back with the database");
        assertEquals("Bearer " + GLOBEX_SANDBOX_TOKEN, taxjar.journal().last().header("Authorization").orElseThrow());
        assertTrue(tenants.list().contains("acme"), "the failed remove removed nothing");
        assertNoSecretInExceptions();
    }

    @Test
    void aDatabaseThatWasNeverReachableFailsTheFirstCallClearly() {
        stores.overTcp();
        stores.stop();
        TollgateEngine engine = engine();
        Client client = harness.client(engine, TaxJarLoopback.CLIENT);

        TenantStoreException e = expect(TenantStoreException.class, () -> status(client, "acme"));
        assertTrue(e.getMessage().contains("tenant 'acme'"), e.getMessage());
        assertEquals(0, taxjar.journal().count());
    }

    @Test
    void aTamperedRowRefusesThatTenantByNameAndLeavesTheOthersAlone() throws Exception {
        TollgateEngine engine = engine();
        TenantCredentials tenants = engine.tenants().client("taxjar");
        tenants.save("acme", token(ACME_SANDBOX_TOKEN));
        tenants.save("globex", token(GLOBEX_SANDBOX_TOKEN));
        // someone with access to the database copies globex's encrypted token into acme's row
        try (Connection db = DriverManager.getConnection(stores.jdbcUrl(), "sa", "");
             Statement sql = db.createStatement()) {
            int changed = sql.executeUpdate("UPDATE tollgate_tenant_value a SET (key_id, nonce, stored_value, tag) ="
                    + " (SELECT key_id, nonce, stored_value, tag FROM tollgate_tenant_value g"
                    + " WHERE g.client = 'taxjar' AND g.tenant = 'globex' AND g.key_name = 'api-token')"
                    + " WHERE a.client = 'taxjar' AND a.tenant = 'acme' AND a.key_name = 'api-token'");
            assertEquals(1, changed);
        }
        TollgateEngine other = engine(); // a server that has not loaded acme yet
        Client client = harness.client(other, TaxJarLoopback.CLIENT);

        TenantStoreException e = expect(TenantStoreException.class, () -> status(client, "acme"));
        assertTrue(e.getMessage().contains("tenant 'acme'"), e.getMessage());
        assertEquals(0, taxjar.journal().requests().stream().filter(r -> r.path().endsWith("categories")
                && r.header("Authorization").orElse("").contains(GLOBEX_SANDBOX_TOKEN) && r.status() == 200).count() - 1,
                "only globex's own save sent its token");
        assertEquals(200, status(client, "globex"), "other tenants are unaffected");
        assertNoSecretInExceptions();
    }

    @Test
    void aDatabaseStoreWithoutAnEncryptionKeyFailsDeploymentNamingTheKey() {
        TestConfig config = taxjar.config(StoredBearerProvider.ID).and("tollgate.taxjar.tenant-store", "database")
                .and("tollgate.store.jdbc-url", stores.jdbcUrl());
        TollgateEngine engine = TollgateEngine.builder().config(config.build()).clock(harness.clock).build();
        harness.closeAfter(engine::close);

        List<TollgateConfigException> problems = engine.validateConfiguredClients();
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).getMessage().contains("tollgate.store.encryption-key is not set"), problems.toString());

        TollgateEngine malformed = TollgateEngine.builder().config(config.and("tollgate.store.encryption-key", "c2hvcnQ=")
                .build()).clock(harness.clock).build();
        harness.closeAfter(malformed::close);
        assertTrue(malformed.validate("taxjar").stream().anyMatch(p -> p.getMessage().contains("tollgate.store.encryption-key")
                && !p.getMessage().contains("c2hvcnQ=")), malformed.validate("taxjar").toString());
    }

    @Test
    void noSavedSecretIsWrittenToTheDatabasesFilesInTheClear() throws Exception {
        TollgateEngine engine = engine();
        TenantCredentials tenants = engine.tenants().client("taxjar");
        tenants.save("acme", token(ACME_SANDBOX_TOKEN));
        tenants.save("globex", token(GLOBEX_SANDBOX_TOKEN));
        tenants.remove("globex");
        engine.close();

        assertFalse(SecretScan.containsAny(stores.everythingOnDisk(), saved), "a saved secret in the database's files");
    }

    @Test
    void aKeyChangedWithoutListingTheOldOneIsReportedWhenTheStoreIsFirstUsedAndFailsOnlyThoseTenants() {
        TollgateEngine before = engine();
        before.tenants().client("taxjar").save("acme", token(ACME_SANDBOX_TOKEN));
        TestConfig changed = taxjar.config(StoredBearerProvider.ID).and("tollgate.taxjar.tenant-store", "database")
                .and("tollgate.store.jdbc-url", stores.jdbcUrl()).and("tollgate.store.jdbc-user", "sa")
                .and("tollgate.store.encryption-key", java.util.Base64.getEncoder().encodeToString(new byte[32]));
        TollgateEngine after = TollgateEngine.builder().config(changed.build()).clock(harness.clock).build();
        harness.closeAfter(after::close);
        Client client = harness.client(after, TaxJarLoopback.CLIENT);

        List<String> warnings = new ArrayList<>();
        java.util.logging.Logger log = java.util.logging.Logger.getLogger(ConfiguredStore.class.getName());
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                if (record.getLevel() == java.util.logging.Level.WARNING) {
                    warnings.add(record.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        log.addHandler(capture);
        int sent = taxjar.journal().count();
        try {
            TenantStoreException e = expect(TenantStoreException.class, () -> status(client, "acme"));
            assertTrue(e.getMessage().contains("tenant 'acme'"), e.getMessage());
        } finally {
            log.removeHandler(capture);
        }
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("tollgate.store.previous-keys") && warnings.get(0).contains("tenant 'acme'"),
                warnings.get(0));
        assertEquals(sent, taxjar.journal().count(), "nothing was sent for the tenant that cannot be read");
        assertNoSecretInExceptions();
    }
}
