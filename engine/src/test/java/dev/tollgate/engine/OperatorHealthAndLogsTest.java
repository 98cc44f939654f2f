package dev.tollgate.engine;

import static dev.tollgate.testkit.simulator.oauth2.OAuth2Fixture.METRICS_CLIENT_ID;
import static dev.tollgate.testkit.simulator.taxjar.TaxJarFixture.ACME_SANDBOX_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.CredentialsRejectedException;
import dev.tollgate.api.TenantCredentials;
import dev.tollgate.api.TokenAcquisitionException;
import dev.tollgate.api.Tollgate;
import dev.tollgate.engine.fake.ClientCredentialsProvider;
import dev.tollgate.engine.fake.MaintenanceTokenEndpoint;
import dev.tollgate.engine.fake.StaticBearerProvider;
import dev.tollgate.engine.fake.StoredBearerProvider;
import dev.tollgate.engine.observe.CredentialId;
import dev.tollgate.engine.observe.HealthReport;
import dev.tollgate.engine.observe.Problem;
import dev.tollgate.engine.testing.EngineHarness;
import dev.tollgate.engine.testing.LogRecords;
import dev.tollgate.engine.testing.OAuth2Loopback;
import dev.tollgate.engine.testing.StoreHarness;
import dev.tollgate.engine.testing.TaxJarLoopback;
import dev.tollgate.testkit.config.TestConfig;
import dev.tollgate.testkit.http.LoopbackServer;
import dev.tollgate.testkit.log.ConfiguredSecrets;
import dev.tollgate.testkit.log.SecretScan;
import dev.tollgate.testkit.simulator.taxjar.TaxJarAccounts;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What an operator sees when a vendor refuses a credential or a token endpoint fails: the
 * readiness report, one WARNING per failure streak (naming client and tenant, never a secret),
 * an INFO when the credential works again, and no record that names its subject twice.
 */
class OperatorHealthAndLogsTest {

    /** A token TaxJar never issued (the merchant pasted a wrong one). */
    private static final String UNKNOWN_TOKEN = ConfiguredSecrets.record("5a1f0c3e9b7d2468ace13579bdf02468");
    private static final String WRONG_SECRET = ConfiguredSecrets.record("wrong-secret-7Yq2Lm9Xc4Vb8Nz1");

    @RegisterExtension
    final EngineHarness harness = new EngineHarness();
    @RegisterExtension
    final StoreHarness stores = new StoreHarness();
    private final TaxJarLoopback taxjar = harness.taxjar();
    private final LogRecords log = harness.closeAfter(new LogRecords());

    private TollgateEngine taxjarWithUmbrellaWrong() {
        return harness.engine(taxjar.config(StaticBearerProvider.ID)
                .and("tollgate.taxjar.tenants.acme.api-token", ACME_SANDBOX_TOKEN)
                .and("tollgate.taxjar.tenants.umbrella.api-token", UNKNOWN_TOKEN));
    }

    private int status(Client client, String tenant) {
        try (Response response = client.target(taxjar.sandboxUrl()).path("categories").request()
                .property(Tollgate.TENANT_PROPERTY, tenant).get()) {
            return response.getStatus();
        }
    }

    private void assertNoSecretLogged(String... secrets) {
        for (String record : log.all()) {
            assertFalse(SecretScan.containsAny(record, List.of(secrets)), "a secret in: " + record);
        }
    }

    private static Problem onlyProblem(HealthReport report) {
        assertFalse(report.isUp(), "expected DOWN");
        assertEquals(1, report.problems().size(), report.problems().toString());
        return report.problems().get(0);
    }

    @Test
    void aTenantsRefusedTokenMakesHealthDownWithOneWarningUntilItWorksAgain() {
        TollgateEngine engine = taxjarWithUmbrellaWrong();
        Client client = harness.client(engine, TaxJarLoopback.CLIENT);
        assertTrue(engine.health().isUp(), "nothing called yet: UP");
        assertEquals(200, status(client, "acme"));
        for (int i = 0; i < 5; i++) {
            assertThrows(CredentialsRejectedException.class, () -> status(client, "umbrella"));
        }

        HealthReport down = engine.health();
        assertEquals(List.of("taxjar"), down.clients());
        Problem problem = onlyProblem(down);
        assertEquals(new CredentialId("taxjar", "umbrella", "api-token", StaticBearerProvider.ID), problem.id());
        assertEquals(Problem.Kind.REJECTED, problem.kind());
        assertTrue(problem.reason().contains("401"), problem.reason());
        assertFalse(problem.reason().startsWith("client '"), "the reason repeats its subject: " + problem.reason());

        List<String> warnings = log.at(Level.WARNING);
        assertEquals(1, warnings.size(), "one WARNING for five refused calls: " + warnings);
        String warning = warnings.get(0);
        assertTrue(warning.contains("client 'taxjar'") && warning.contains("tenant 'umbrella'")
                && warning.contains(taxjar.server().baseUri().getPort() + "") && warning.contains("HTTP 401"), warning);
        assertEquals(List.of(), log.at(Level.INFO).stream().filter(r -> r.contains("works again")).toList());

        // the merchant's account is activated at TaxJar: the same token works from now on
        taxjar.accounts().add(TaxJarAccounts.SANDBOX, UNKNOWN_TOKEN, "umbrella", true);
        assertEquals(200, status(client, "umbrella"));
        assertTrue(engine.health().isUp(), engine.health().problems().toString());
        List<String> recovered = log.at(Level.INFO).stream().filter(r -> r.contains("works again")).toList();
        assertEquals(1, recovered.size(), recovered.toString());
        assertTrue(recovered.get(0).contains("client 'taxjar'") && recovered.get(0).contains("tenant 'umbrella'"), recovered.get(0));
        assertEquals(1, log.at(Level.WARNING).size());
        assertNoSecretLogged(UNKNOWN_TOKEN, ACME_SANDBOX_TOKEN);
    }

    @Test
    void aStoredTenantSavedAnewIsUpAtOnceAndWarnsAnewWhenItsNewValuesAreRefusedToo() {
        TollgateEngine engine = TollgateEngine.builder().config(stores.configure(taxjar.config(StoredBearerProvider.ID)
                .and("tollgate.taxjar.tenant-store", "database")).build()).clock(harness.clock).sleeper(harness.sleeper).build();
        harness.closeAfter(engine::close);
        Client client = harness.client(engine, TaxJarLoopback.CLIENT);
        TenantCredentials tenants = engine.tenants().client("taxjar");
        tenants.saveUnverified("umbrella", Map.of("api-token", UNKNOWN_TOKEN));
        assertThrows(CredentialsRejectedException.class, () -> status(client, "umbrella"));
        assertEquals(Problem.Kind.REJECTED, onlyProblem(engine.health()).kind());

        String another = ConfiguredSecrets.record("0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e");
        tenants.saveUnverified("umbrella", Map.of("api-token", another));
        assertTrue(engine.health().isUp(), "values replaced: what was refused of the old ones is over");
        assertThrows(CredentialsRejectedException.class, () -> status(client, "umbrella"));
        assertEquals(2, log.at(Level.WARNING).size(), "new values, new mistake: told again " + log.at(Level.WARNING));

        tenants.saveUnverified("umbrella", Map.of("api-token", ACME_SANDBOX_TOKEN));
        assertEquals(200, status(client, "umbrella"));
        assertTrue(engine.health().isUp());
        assertEquals(1, log.at(Level.INFO).stream().filter(r -> r.contains("works again")).count(), log.at(Level.INFO).toString());
        assertNoSecretLogged(UNKNOWN_TOKEN, another, ACME_SANDBOX_TOKEN);
    }

    @Test
    void aRefusedClientSecretIsRejectedAndCoolsDownAndItsWarningSaysAttemptsAndStatus() {
        OAuth2Loopback oauth2 = harness.oauth2();
        TollgateEngine engine = harness.engine(oauth2.config(ClientCredentialsProvider.ID, METRICS_CLIENT_ID, WRONG_SECRET));
        Client client = harness.client(engine, OAuth2Loopback.CLIENT);
        Instant start = harness.clock.instant();
        for (int i = 0; i < 3; i++) {
            assertThrows(CredentialsRejectedException.class, () -> oauth2.call(client));
        }
        assertEquals(1, oauth2.simulator().tokenRequests(), "refused callers cool down instead of asking again");

        Problem problem = onlyProblem(engine.health());
        assertEquals(new CredentialId("api", "", "access-token", ClientCredentialsProvider.ID), problem.id());
        assertEquals(Problem.Kind.REJECTED, problem.kind());
        assertNotNull(problem.until(), "a rejection by a token endpoint cools down too");
        assertTrue(problem.until().isAfter(start), problem.until().toString());

        List<String> warnings = log.at(Level.WARNING);
        assertEquals(1, warnings.size(), warnings.toString());
        String warning = warnings.get(0);
        assertTrue(warning.contains("client 'api'") && warning.contains("token endpoint") && warning.contains("1 attempt(s)")
                && warning.contains("HTTP 401") && warning.contains("refused until " + problem.until()), warning);
        assertNoSecretLogged(WRONG_SECRET);
    }

    @Test
    void aServiceUnavailableWithRetryAfterCoolsDownUntilThen() {
        MaintenanceTokenEndpoint maintenance = new MaintenanceTokenEndpoint(120);
        LoopbackServer authorizationServer = harness.serve(maintenance);
        OAuth2Loopback api = harness.oauth2();
        TollgateEngine engine = harness.engine(api.config(ClientCredentialsProvider.ID, METRICS_CLIENT_ID, WRONG_SECRET)
                .and("tollgate.api.token-url", authorizationServer.url("maintenance/token")));
        Client client = harness.client(engine, OAuth2Loopback.CLIENT);
        Instant start = harness.clock.instant();
        TokenAcquisitionException e = assertThrows(TokenAcquisitionException.class, () -> api.call(client));
        assertEquals(Duration.ofSeconds(120), e.retryAfter().orElseThrow());

        Problem problem = onlyProblem(engine.health());
        assertEquals(Problem.Kind.COOLING_DOWN, problem.kind());
        assertEquals(start.plusSeconds(120), problem.until());
        assertEquals(start, problem.since());
        assertTrue(problem.reason().contains("503"), problem.reason());
        String warning = log.at(Level.WARNING).get(0);
        assertTrue(warning.contains("HTTP 503") && warning.contains("Retry-After PT2M")
                && warning.contains("until " + start.plusSeconds(120)), warning);

        harness.clock.advance(Duration.ofSeconds(120));
        assertTrue(engine.health().isUp(), "the cooldown is over: the next call may try again");
        assertEquals(1, maintenance.requests());
    }

    @Test
    void aTokenEndpointBackAfterACooldownIsToldOnceAtInfoAndNothingPerCallIsLoggedAtInfo() {
        OAuth2Loopback oauth2 = harness.oauth2();
        TollgateEngine engine = harness.engine(oauth2.config(ClientCredentialsProvider.ID, METRICS_CLIENT_ID,
                        dev.tollgate.testkit.simulator.oauth2.OAuth2Fixture.METRICS_CLIENT_SECRET)
                .and("tollgate.api.token-max-attempts", "1"));
        Client client = harness.client(engine, OAuth2Loopback.CLIENT);
        oauth2.simulator().faults().failAlways(503);
        assertThrows(TokenAcquisitionException.class, () -> oauth2.call(client));
        harness.clock.advance(Duration.ofSeconds(10)); // past the cooldown: the probe fails too
        assertThrows(TokenAcquisitionException.class, () -> oauth2.call(client));
        assertEquals(1, log.at(Level.WARNING).size(), log.at(Level.WARNING).toString());
        assertEquals(Problem.Kind.COOLING_DOWN, onlyProblem(engine.health()).kind());

        oauth2.simulator().faults().clear();
        harness.clock.advance(Duration.ofSeconds(10));
        int infoBefore = log.at(Level.INFO).size();
        for (int i = 0; i < 5; i++) {
            assertEquals(200, oauth2.call(client));
        }
        assertTrue(engine.health().isUp());
        List<String> info = log.at(Level.INFO).subList(infoBefore, log.at(Level.INFO).size());
        assertEquals(1, info.size(), "one line for the recovery, none per call: " + info);
        assertTrue(info.get(0).contains("client 'api'") && info.get(0).contains("works again")
                && info.get(0).contains("2 failure(s)"), info.get(0));
    }

    @Test
    void manyCallersRefusedAtOnceMakeOneWarningAndLaterOnesAtMostEveryFiveMinutes() throws Exception {
        TollgateEngine engine = taxjarWithUmbrellaWrong();
        Client client = harness.client(engine, TaxJarLoopback.CLIENT);
        int threads = 16;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> refused = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                refused.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    int n = 0;
                    for (int i = 0; i < 5; i++) {
                        try {
                            status(client, "umbrella");
                        } catch (CredentialsRejectedException expected) {
                            n++;
                        }
                    }
                    return n;
                }));
            }
            for (Future<Integer> f : refused) {
                assertEquals(5, f.get(30, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, log.at(Level.WARNING).size(), log.at(Level.WARNING).toString());

        harness.clock.advance(Duration.ofMinutes(5).minusSeconds(1)); // the WARNING limit
        assertThrows(CredentialsRejectedException.class, () -> status(client, "umbrella"));
        assertEquals(1, log.at(Level.WARNING).size());
        harness.clock.advance(Duration.ofSeconds(1));
        assertThrows(CredentialsRejectedException.class, () -> status(client, "umbrella"));
        List<String> warnings = log.at(Level.WARNING);
        assertEquals(2, warnings.size(), warnings.toString());
        assertTrue(warnings.get(1).contains("(" + (threads * 5) + " more failure(s) since the last warning"), warnings.get(1));
    }

    @Test
    void aRecordNamesItsSubjectOnce() {
        OAuth2Loopback oauth2 = harness.oauth2();
        TollgateEngine engine = harness.engine(oauth2.config(ClientCredentialsProvider.ID, METRICS_CLIENT_ID, WRONG_SECRET)
                .and("tollgate.api.token-max-attempts", "2"));
        Client client = harness.client(engine, OAuth2Loopback.CLIENT);
        oauth2.simulator().faults().failAlways(503);
        assertThrows(TokenAcquisitionException.class, () -> oauth2.call(client));
        assertFalse(log.all().isEmpty());
        for (String record : log.all()) {
            int first = record.indexOf("client 'api'");
            assertTrue(first < 0 || record.indexOf("client 'api'", first + 1) < 0, "subject named twice: " + record);
        }
    }

    @Test
    void eachConfiguredClientIsLoggedOnceWhenAPlainJavaEngineIsBuiltAndNotWhenAskedNotTo() {
        TestConfig config = taxjar.config(StaticBearerProvider.ID)
                .and("tollgate.taxjar.tenants.acme.api-token", ACME_SANDBOX_TOKEN)
                .and("tollgate.taxjar.tenants.globex.api-token", UNKNOWN_TOKEN)
                .and("tollgate.other.provider", StaticBearerProvider.ID)
                .and("tollgate.other.base-url", "https://api.example.com/v1/")
                .and("tollgate.other.api-token", ACME_SANDBOX_TOKEN);
        harness.closeAfter(TollgateEngine.builder().config(config.build()).logConfiguredClients(false).build()::close);
        assertEquals(List.of(), log.at(Level.INFO));

        harness.engine(config);
        List<String> lines = log.at(Level.INFO);
        assertEquals(2, lines.size(), lines.toString());
        assertEquals("client 'other' (provider " + StaticBearerProvider.ID + "): 0 configured tenant(s), stored tenants no;"
                + " credentials go to https://api.example.com:443.", lines.get(0));
        assertTrue(lines.get(1).startsWith("client 'taxjar' (provider " + StaticBearerProvider.ID
                + "): 2 configured tenant(s), stored tenants no; credentials go to http://127.0.0.1:"), lines.get(1));
        assertNoSecretLogged(ACME_SANDBOX_TOKEN, UNKNOWN_TOKEN);
    }
}
