package dev.tollgate.engine;

import static dev.tollgate.testkit.simulator.taxjar.TaxJarFixture.ACME_SANDBOX_TOKEN;
import static dev.tollgate.testkit.simulator.taxjar.TaxJarFixture.GLOBEX_SANDBOX_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.InvalidTenantValuesException;
import dev.tollgate.api.TenantCredentials;
import dev.tollgate.api.TenantStoreException;
import dev.tollgate.api.Tollgate;
import dev.tollgate.api.TollgateConfigException;
import dev.tollgate.api.TollgateException;
import dev.tollgate.api.UnsafeRequestException;
import dev.tollgate.engine.fake.StoredBearerProvider;
import dev.tollgate.engine.store.TenantStore;
import dev.tollgate.engine.testing.EngineHarness;
import dev.tollgate.engine.testing.StoreHarness;
import dev.tollgate.engine.testing.TaxJarLoopback;
import dev.tollgate.testkit.config.TestConfig;
import dev.tollgate.testkit.log.ConfiguredSecrets;
import dev.tollgate.testkit.log.SecretScan;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Tenants saved while the application runs ({@code tenant-store=database}): usable at once,
 * replaced or removed at once in this engine, seen by another engine sharing the store within the
 * refresh interval or at once after the vendor's 401, refused before anything is sent when not
 * known. Against the simulated TaxJar, with the fake provider whose tenants store an {@code api-token}.
 */
class StoredTenantsTest {

    @RegisterExtension
    final EngineHarness harness = new EngineHarness();
    @RegisterExtension
    final StoreHarness stores = new StoreHarness();
    private final TaxJarLoopback taxjar = harness.taxjar();
    /** Every secret a test saves, to be found nowhere but in the requests that carry it. */
    private final List<String> saved = new ArrayList<>();
    private final List<Throwable> thrown = new ArrayList<>();

    private TestConfig config() {
        return taxjar.config(StoredBearerProvider.ID).and("tollgate.taxjar.tenant-store", "database");
    }

    /** An engine whose tenant store is the test's database: two of them share it, as two servers do. */
    private TollgateEngine engine(TestConfig config) {
        TollgateEngine engine = TollgateEngine.builder().config(stores.configure(config).build()).clock(harness.clock)
                .sleeper(harness.sleeper).build();
        harness.closeAfter(engine::close);
        return engine;
    }

    private static Map<String, String> token(String value) {
        return Map.of("api-token", value);
    }

    private String secret(String value) {
        saved.add(ConfiguredSecrets.record(value));
        return value;
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

    private <T extends Throwable> T expect(Class<T> type, org.junit.jupiter.api.function.Executable call) {
        T e = assertThrows(type, call);
        thrown.add(e);
        return e;
    }

    /** What every test ends with: no saved secret in any exception it saw. */
    private void assertNoSecretInExceptions() {
        for (Throwable t : thrown) {
            for (Throwable c = t; c != null; c = c.getCause()) {
                assertFalse(SecretScan.containsAny(String.valueOf(c.getMessage()), saved), "a secret in: " + c.getMessage());
            }
        }
    }

    @Test
    void aSavedTenantIsUsedAtOnceAReplacedOneNeverAgainAndARemovedOneSendsNothing() {
        TollgateEngine engine = engine(config());
        Client client = harness.client(engine, TaxJarLoopback.CLIENT);
        TenantCredentials taxjarTenants = engine.tenants().client("taxjar");

        taxjarTenants.save("acme", token(secret(ACME_SANDBOX_TOKEN)));
        assertEquals(200, status(client, "acme"));
        assertEquals("Bearer " + ACME_SANDBOX_TOKEN, lastBearer());

        taxjarTenants.save("acme", token(secret(GLOBEX_SANDBOX_TOKEN)));
        assertEquals(200, status(client, "acme"));
        assertEquals("Bearer " + GLOBEX_SANDBOX_TOKEN, lastBearer());
        assertEquals(List.of("taxjar/acme/api-token " + "****" + GLOBEX_SANDBOX_TOKEN.substring(28) + ", expires never"),
                engine.cache().describe(), "the replaced token is not cached any more");

        assertTrue(taxjarTenants.remove("acme"));
        int sent = taxjar.journal().count();
        UnsafeRequestException refused = expect(UnsafeRequestException.class, () -> status(client, "acme"));
        assertTrue(refused.getMessage().contains("tenant not known"), refused.getMessage());
        assertTrue(refused.getMessage().contains("Nothing was sent"), refused.getMessage());
        assertEquals(sent, taxjar.journal().count(), "nothing reached the vendor");
        assertEquals(List.of(), engine.cache().describe());
        assertFalse(taxjarTenants.remove("acme"), "removed already");
        assertNoSecretInExceptions();
    }

    @Test
    void aStoredTenantNeverSeenIsRefusedBeforeAnythingIsSent() {
        TollgateEngine engine = engine(config());
        Client client = harness.client(engine, TaxJarLoopback.CLIENT);

        UnsafeRequestException refused = expect(UnsafeRequestException.class, () -> status(client, "nobody"));
        assertTrue(refused.getMessage().contains("tenant not known"), refused.getMessage());
        assertEquals(0, taxjar.journal().count());
    }

    @Test
    void aTenantInConfigurationWinsAndCannotBeSavedOrRemoved() {
        TenantStore store = stores.store();
        TollgateEngine engine = engine(config().and("tollgate.taxjar.tenants.acme.api-token", ACME_SANDBOX_TOKEN));
        TenantCredentials tenants = engine.tenants().client("taxjar");

        TollgateConfigException save = expect(TollgateConfigException.class,
                () -> tenants.saveUnverified("acme", token(secret(GLOBEX_SANDBOX_TOKEN))));
        assertTrue(save.getMessage().contains("defined in configuration"), save.getMessage());
        TollgateConfigException remove = expect(TollgateConfigException.class, () -> tenants.remove("acme"));
        assertTrue(remove.getMessage().contains("defined in configuration"), remove.getMessage());
        assertEquals(Set.of(), store.tenants("taxjar"), "nothing was stored");

        tenants.save("globex", token(secret(GLOBEX_SANDBOX_TOKEN)));
        assertEquals(Set.of("acme", "globex"), tenants.list());
        Client client = harness.client(engine, TaxJarLoopback.CLIENT);
        assertEquals(200, status(client, "acme"));
        assertEquals("Bearer " + ACME_SANDBOX_TOKEN, lastBearer(), "the configured tenant's own token");
        assertNoSecretInExceptions();
    }

    @Test
    void aClientWhoseTenantsAreConfiguredOnlySaysWhichKeyStoresThem() {
        TollgateEngine engine = engine(taxjar.config(StoredBearerProvider.ID));
        TenantCredentials tenants = engine.tenants().client("taxjar");

        TollgateConfigException e = expect(TollgateConfigException.class, () -> tenants.save("acme", token(secret(ACME_SANDBOX_TOKEN))));
        assertTrue(e.getMessage().contains("tollgate.taxjar.tenant-store=database"), e.getMessage());
        assertThrows(TollgateConfigException.class, () -> tenants.remove("acme"));
        assertEquals(Set.of(), tenants.list());
        assertNoSecretInExceptions();
    }

    @Test
    void maskedShowsTheLastFourCharactersOfSecretsOnlyAndPlainValuesAsStored() {
        TollgateEngine engine = engine(config());
        TenantCredentials tenants = engine.tenants().client("taxjar");
        tenants.save("acme", Map.of("api-token", secret(ACME_SANDBOX_TOKEN), "label", "Acme Inc."));
        tenants.saveUnverified("tiny", Map.of("api-token", secret("short-7")));

        assertEquals(Map.of("api-token", "••••f2f4", "label", "Acme Inc."), tenants.masked("acme"));
        assertEquals(Map.of("api-token", "••••"), tenants.masked("tiny"), "four characters of a short secret say too much");
        assertEquals(Map.of(), tenants.masked("nobody"));
        assertEquals(Map.of(), tenants.masked("../etc"));
    }

    @Test
    void badNamesAndValuesAreRefusedWithEveryProblemNamedAndNothingStored() {
        TenantStore store = stores.store();
        TollgateEngine engine = engine(config());
        TenantCredentials tenants = engine.tenants().client("taxjar");
        String token = secret(ACME_SANDBOX_TOKEN);

        for (String name : new String[] {"", "a.b", "../x", "acme eu", "-acme", "x".repeat(101), "acme\n", token + "/"}) {
            InvalidTenantValuesException e = expect(InvalidTenantValuesException.class, () -> tenants.save(name, token(token)));
            assertEquals(List.of("the tenant name is not valid: use letters, digits, '-' and '_' (at most 100, beginning with"
                    + " a letter or digit)"), e.problems());
        }
        expect(InvalidTenantValuesException.class, () -> tenants.save(null, token(token)));

        Map<String, String> unknown = new HashMap<>(token(token));
        unknown.put("api-tokn", "x");
        unknown.put(secret("a1b2c3d4e5f60718293a4b5c6d7e8f90"), "pasted where the key belongs");
        InvalidTenantValuesException typo = expect(InvalidTenantValuesException.class, () -> tenants.save("acme", unknown));
        assertTrue(typo.problems().contains("'api-tokn' is not a key this client's tenants hold"), typo.problems().toString());
        assertTrue(typo.problems().contains("a key that is not one this client's tenants hold (not shown: it may be a value)"),
                typo.problems().toString());
        assertTrue(typo.problems().contains("the keys are api-token, label"), typo.problems().toString());

        InvalidTenantValuesException missing = expect(InvalidTenantValuesException.class,
                () -> tenants.save("acme", Map.of("label", "Acme")));
        assertEquals(List.of("no static API token is stored for this tenant: save the tenant with a value for 'api-token'"),
                missing.problems(), "said for a stored tenant, not as a configuration key to set");

        for (String bad : new String[] {token + "\n", "\u0000" + token, token.substring(0, 8) + "\u200b" + token.substring(8),
                token + "\r\nX-Evil: 1", token + "\u2028"}) {
            InvalidTenantValuesException e = expect(InvalidTenantValuesException.class, () -> tenants.save("acme", token(bad)));
            assertEquals(List.of("'api-token' contains a line break or another control or invisible formatting character"),
                    e.problems());
        }
        InvalidTenantValuesException tooLong = expect(InvalidTenantValuesException.class,
                () -> tenants.save("acme", token("a".repeat(4097))));
        assertEquals(List.of("'api-token' is longer than 4096 characters"), tooLong.problems());
        InvalidTenantValuesException empty = expect(InvalidTenantValuesException.class, () -> tenants.save("acme", token("  ")));
        assertEquals(List.of("'api-token' is empty"), empty.problems());
        expect(InvalidTenantValuesException.class, () -> tenants.save("acme", Map.of()));
        Map<String, String> many = new HashMap<>();
        for (int i = 0; i < 5000; i++) {
            many.put("key-" + i, "v");
        }
        InvalidTenantValuesException flood = expect(InvalidTenantValuesException.class, () -> tenants.save("acme", many));
        assertTrue(flood.problems().size() <= 12, "a flood of keys is refused in a few lines");

        assertEquals(Set.of(), store.tenants("taxjar"), "nothing was stored");
        assertNoSecretInExceptions();
    }

    @Test
    void deploymentFailsOnATypoedStoreModeAProviderThatCannotStoreAndABadRefreshInterval() {
        assertProblem(engine(config().and("tollgate.taxjar.tenant-store", "databse")), "tollgate.taxjar.tenant-store must be config or database");
        assertProblem(engine(taxjar.config("static-bearer").and("tollgate.taxjar.tenant-store", "database")),
                "the provider static-bearer cannot store tenants");
        assertProblem(engine(config().and("tollgate.store.refresh-interval", "30s")), "tollgate.store.refresh-interval");
        assertEquals(List.of(), engine(config()).validate("taxjar"));
    }

    private static void assertProblem(TollgateEngine engine, String expected) {
        List<TollgateConfigException> problems = engine.validate("taxjar");
        assertTrue(problems.stream().anyMatch(p -> p.getMessage().contains(expected)), problems.toString());
    }

    @Test
    void anotherEngineSeesAReplacedTenantAfterTheRefreshIntervalAndARemovedOneIsRefused() {
        TollgateEngine a = engine(config());
        TollgateEngine b = engine(config());
        Client clientB = harness.client(b, TaxJarLoopback.CLIENT);
        TenantCredentials onA = a.tenants().client("taxjar");

        onA.save("acme", token(secret(ACME_SANDBOX_TOKEN)));
        assertEquals(200, status(clientB, "acme"));
        onA.save("acme", token(secret(GLOBEX_SANDBOX_TOKEN)));
        assertEquals(200, status(clientB, "acme"));
        assertEquals("Bearer " + ACME_SANDBOX_TOKEN, lastBearer(), "within the interval B serves what it holds");

        harness.clock.advance(Duration.ofSeconds(30));
        assertEquals(200, status(clientB, "acme"));
        assertEquals("Bearer " + GLOBEX_SANDBOX_TOKEN, lastBearer(), "re-checked after PT30S, the default");

        assertTrue(onA.remove("acme"));
        harness.clock.advance(Duration.ofSeconds(30));
        int sent = taxjar.journal().count();
        UnsafeRequestException refused = expect(UnsafeRequestException.class, () -> status(clientB, "acme"));
        assertTrue(refused.getMessage().contains("tenant not known"), refused.getMessage());
        assertEquals(sent, taxjar.journal().count(), "nothing was sent");
        assertEquals(List.of(), b.cache().describe());
        assertNoSecretInExceptions();
    }

    @Test
    void theRefreshIntervalIsConfigurable() {
        TestConfig config = config().and("tollgate.store.refresh-interval", "PT5M");
        TollgateEngine a = engine(config);
        TollgateEngine b = engine(config);
        Client clientB = harness.client(b, TaxJarLoopback.CLIENT);
        a.tenants().client("taxjar").save("acme", token(secret(ACME_SANDBOX_TOKEN)));
        assertEquals(200, status(clientB, "acme"));
        a.tenants().client("taxjar").save("acme", token(secret(GLOBEX_SANDBOX_TOKEN)));

        harness.clock.advance(Duration.ofMinutes(4));
        status(clientB, "acme");
        assertEquals("Bearer " + ACME_SANDBOX_TOKEN, lastBearer());
        harness.clock.advance(Duration.ofMinutes(1));
        status(clientB, "acme");
        assertEquals("Bearer " + GLOBEX_SANDBOX_TOKEN, lastBearer());
    }

    @Test
    void aTokenTheVendorRefusesMakesTheOtherEngineReadTheStoreAgainAndRepeatOnceWithTheNewToken() {
        TollgateEngine a = engine(config());
        TollgateEngine b = engine(config());
        Client clientB = harness.client(b, TaxJarLoopback.CLIENT);
        TenantCredentials onA = a.tenants().client("taxjar");
        onA.save("acme", token(secret(ACME_SANDBOX_TOKEN)));
        assertEquals(200, status(clientB, "acme"));

        // the merchant regenerates the token at TaxJar and pastes the new one on server A
        taxjar.accounts().revoke(ACME_SANDBOX_TOKEN);
        onA.save("acme", token(secret(GLOBEX_SANDBOX_TOKEN)));
        taxjar.journal().clear();

        assertEquals(200, status(clientB, "acme"), "within the refresh interval, yet not refused");
        List<Integer> statuses = taxjar.journal().requests().stream().map(r -> r.status()).toList();
        assertEquals(List.of(401, 200), statuses, "one repeat");
        assertEquals("Bearer " + GLOBEX_SANDBOX_TOKEN, lastBearer());
    }

    @Test
    void aRefusedTokenWhoseTenantIsUnchangedIsFinalWithAdviceForAStoredTenant() {
        TollgateEngine engine = engine(config());
        Client client = harness.client(engine, TaxJarLoopback.CLIENT);
        engine.tenants().client("taxjar").save("acme", token(secret(ACME_SANDBOX_TOKEN)));
        taxjar.accounts().revoke(ACME_SANDBOX_TOKEN);

        taxjar.journal().clear();

        TollgateException e = expect(TollgateException.class, () -> status(client, "acme"));
        assertTrue(e.getMessage().contains("save the tenant again"), e.getMessage());
        assertFalse(e.getMessage().contains("tollgate.taxjar.tenants"), "no configuration key holds this tenant's token");
        assertEquals(1, taxjar.journal().count(), "no repeat: the store holds the same token");
        assertNoSecretInExceptions();
    }

    @Test
    void inPlainJavaTollgateTenantsSavesWithTheConfigurationsEngine() {
        ConfigProviderResolver resolver = ConfigProviderResolver.instance();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        Config config = stores.configure(config()).build();
        try {
            resolver.releaseConfig(resolver.getConfig(loader));
            resolver.registerConfig(config, loader);
            Tollgate.tenants("taxjar").save("acme", token(secret(ACME_SANDBOX_TOKEN)));
            assertEquals(Set.of("acme"), Tollgate.tenants("taxjar").list());
            Client client = harness.closeAfter(ClientBuilder.newClient().register(Tollgate.feature("taxjar")));
            assertEquals(200, status(client, "acme"));
            assertEquals("Bearer " + ACME_SANDBOX_TOKEN, lastBearer());
            TollgateConfigException unknown = expect(TollgateConfigException.class, () -> Tollgate.tenants("taxjr"));
            assertTrue(unknown.getMessage().contains("tollgate.taxjr.provider is not set"), unknown.getMessage());
        } finally {
            resolver.releaseConfig(config);
        }
    }

    @Test
    void valuesChangedByTheCallerWhileTheyAreSavedAreNotWhatIsStored() {
        TollgateEngine engine = engine(config());
        String checked = secret(ACME_SANDBOX_TOKEN);
        // a map another thread changes while save runs: after the first few looks it holds a header injection
        Map<String, String> shifting = new java.util.AbstractMap<>() {
            private int looks;

            @Override
            public Set<Map.Entry<String, String>> entrySet() {
                String value = looks++ < 3 ? checked : checked + "\r\nX-Injected: 1";
                return Set.of(Map.entry("api-token", value));
            }
        };
        engine.tenants().client("taxjar").save("acme", shifting);

        assertEquals(Map.of("api-token", checked), stores.store().load("taxjar", "acme").orElseThrow().values());
    }

    @Test
    void afterAKeyRotationReencryptRewritesTheStoredSecretsUnderTheNewKey() {
        TollgateEngine before = engine(config());
        before.tenants().client("taxjar").save("acme", Map.of("api-token", secret(ACME_SANDBOX_TOKEN), "label", "Acme"));
        TollgateEngine rotated = TollgateEngine.builder().config(stores.configureRotated(config()).build()).clock(harness.clock)
                .sleeper(harness.sleeper).build();
        harness.closeAfter(rotated::close);

        assertEquals(2, rotated.tenants().reencrypt(), "both values written with the previous key: the token encrypted, the label authenticated");
        assertEquals(0, rotated.tenants().reencrypt(), "nothing left to rewrite");
        Client client = harness.client(rotated, TaxJarLoopback.CLIENT);
        assertEquals(200, status(client, "acme"));
        assertEquals("Bearer " + ACME_SANDBOX_TOKEN, lastBearer());
    }

    @Test
    void aTokenTheVendorRefusesForATenantRemovedOnAnotherEngineIsNotSentAgain() {
        TollgateEngine a = engine(config());
        TollgateEngine b = engine(config());
        Client clientB = harness.client(b, TaxJarLoopback.CLIENT);
        a.tenants().client("taxjar").save("acme", token(secret(ACME_SANDBOX_TOKEN)));
        assertEquals(200, status(clientB, "acme"));

        taxjar.accounts().revoke(ACME_SANDBOX_TOKEN);
        assertTrue(a.tenants().client("taxjar").remove("acme"));
        taxjar.journal().clear();

        TollgateException e = expect(TollgateException.class, () -> status(clientB, "acme"));
        assertTrue(TollgateException.in(e).orElseThrow().getMessage().contains("tenant not known"), e.getMessage());
        assertEquals(List.of(401), taxjar.journal().requests().stream().map(r -> r.status()).toList(),
                "the refused request only: its repeat found the tenant removed and sent nothing");
        assertEquals(List.of(), b.cache().describe());
        assertNoSecretInExceptions();
    }
}
