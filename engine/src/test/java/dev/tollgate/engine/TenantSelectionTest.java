package dev.tollgate.engine;

import static dev.tollgate.testkit.simulator.taxjar.TaxJarFixture.ACME_PRODUCTION_TOKEN;
import static dev.tollgate.testkit.simulator.taxjar.TaxJarFixture.ACME_SANDBOX_TOKEN;
import static dev.tollgate.testkit.simulator.taxjar.TaxJarFixture.GLOBEX_SANDBOX_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.Tollgate;
import dev.tollgate.api.TollgateConfigException;
import dev.tollgate.api.TollgateException;
import dev.tollgate.api.UnsafeRequestException;
import dev.tollgate.engine.TollgateEngine;
import dev.tollgate.engine.fake.StaticBearerProvider;
import dev.tollgate.engine.testing.EngineHarness;
import dev.tollgate.engine.testing.TaxJarLoopback;
import dev.tollgate.testkit.config.TestConfig;
import dev.tollgate.testkit.http.RecordedRequest;
import dev.tollgate.testkit.log.SecretScan;
import dev.tollgate.testkit.simulator.taxjar.TaxJarFixture;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Tenants: each call carries its merchant's credential and no other, through
 * {@link Tollgate#withTenant} or {@link Tollgate#TENANT_PROPERTY}, on any thread, and a call that
 * selects no tenant or an unknown one sends nothing. A plain Jersey client with the engine's
 * feature, the fake static-token provider, against the simulated TaxJar.
 */
class TaxJarFeatureTest {

    @RegisterExtension
    final EngineHarness harness = new EngineHarness();
    private final TaxJarLoopback taxjar = harness.taxjar();
    private Client client;

    /** Client {@code taxjar} of the fake static-token provider, against the simulated TaxJar sandbox. */
    private TestConfig config() {
        return taxjar.config(StaticBearerProvider.ID);
    }

    private Client clientFor(TollgateEngine engine) {
        client = harness.client(engine, TaxJarLoopback.CLIENT);
        return client;
    }

    private Response get(String path, String tenant) {
        return client.target(taxjar.sandboxUrl()).path(path).request()
                .property(Tollgate.TENANT_PROPERTY, tenant).get();
    }

    private static int status(Response response) {
        try (response) {
            return response.getStatus();
        }
    }

    @Test
    void eachMerchantsCallCarriesThatMerchantsTokenEvenWhenInterleaved() throws Exception {
        clientFor(harness.engine(config()
                .and("tollgate.taxjar.tenants.acme.api-token", ACME_SANDBOX_TOKEN)
                .and("tollgate.taxjar.tenants.globex.api-token", GLOBEX_SANDBOX_TOKEN)));
        // the zip code in the path tells which merchant a recorded request was made for
        Map<String, String> zipOfTenant = Map.of("acme", "10001", "globex", "94105");
        Map<String, String> tokenOfZip = Map.of("10001", ACME_SANDBOX_TOKEN, "94105", GLOBEX_SANDBOX_TOKEN);

        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String tenant = ThreadLocalRandom.current().nextBoolean() ? "acme" : "globex";
                boolean scoped = i % 2 == 0;
                calls.add(pool.submit(() -> {
                    String path = "rates/" + zipOfTenant.get(tenant);
                    if (scoped) {
                        return Tollgate.withTenant(tenant, () -> status(client.target(taxjar.sandboxUrl()).path(path).request().get()));
                    }
                    return status(get(path, tenant));
                }));
            }
            for (Future<Integer> call : calls) {
                assertEquals(200, call.get(30, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(200, taxjar.journal().count());
        for (RecordedRequest seen : taxjar.journal().requests()) {
            String zip = seen.path().substring(seen.path().lastIndexOf('/') + 1);
            assertEquals("Bearer " + tokenOfZip.get(zip), seen.header("Authorization").orElseThrow(),
                    "a request for zip " + zip + " carried another merchant's token");
        }
    }

    @Test
    void scopedTenantIsRestoredAfterTheCall() {
        clientFor(harness.engine(config()
                .and("tollgate.taxjar.tenant-required", "false")
                .and("tollgate.taxjar.api-token", ACME_SANDBOX_TOKEN)
                .and("tollgate.taxjar.tenants.globex.api-token", GLOBEX_SANDBOX_TOKEN)));
        assertThrows(IllegalStateException.class, () -> Tollgate.withTenant("globex", () -> {
            get("categories", null).close();
            throw new IllegalStateException("the application's own failure");
        }));
        get("categories", null).close();

        List<RecordedRequest> seen = taxjar.journal().requests();
        assertEquals("Bearer " + GLOBEX_SANDBOX_TOKEN, seen.get(0).header("Authorization").orElseThrow());
        assertEquals("Bearer " + ACME_SANDBOX_TOKEN, seen.get(1).header("Authorization").orElseThrow(),
                "the thread kept the tenant of a call that had ended");
    }

    @Test
    void withTenantsRequiredTheCallAfterTheScopeIsRefused() {
        clientFor(harness.engine(config()
                .and("tollgate.taxjar.api-token", ACME_SANDBOX_TOKEN)
                .and("tollgate.taxjar.tenants.globex.api-token", GLOBEX_SANDBOX_TOKEN)));
        Tollgate.withTenant("globex", () -> get("categories", null).close());
        assertThrows(UnsafeRequestException.class, () -> get("categories", null));
        assertEquals(1, taxjar.journal().count());
    }

    @Test
    void onAClientWithTenantsACallThatSelectsNoneIsRefusedNotSentWithTheClientsToken() {
        clientFor(harness.engine(config()
                .and("tollgate.taxjar.api-token", ACME_SANDBOX_TOKEN)
                .and("tollgate.taxjar.tenants.globex.api-token", GLOBEX_SANDBOX_TOKEN)));
        UnsafeRequestException e = assertThrows(UnsafeRequestException.class, () -> get("categories", null));
        assertTrue(e.getMessage().contains("tollgate.taxjar.tenant-required=false"), e.getMessage());
        assertEquals(0, taxjar.journal().count());
    }

    @Test
    void aScopedTenantDoesNotReachAPlainAsyncCallWhichIsThereforeRefused() throws Exception {
        clientFor(harness.engine(config()
                .and("tollgate.taxjar.api-token", ACME_SANDBOX_TOKEN)
                .and("tollgate.taxjar.tenants.globex.api-token", GLOBEX_SANDBOX_TOKEN)));
        Future<Response> lost = Tollgate.withTenant("globex",
                () -> client.target(taxjar.sandboxUrl()).path("categories").request().async().get());
        ExecutionException e = assertThrows(ExecutionException.class, () -> lost.get(30, TimeUnit.SECONDS));
        assertTrue(TollgateException.in(e).orElseThrow() instanceof UnsafeRequestException, String.valueOf(e));
        assertEquals(0, taxjar.journal().count(), "acme's client-level token went out for a globex call");

        // the request property travels with the request to any thread
        try (Response r = client.target(taxjar.sandboxUrl()).path("categories").request()
                .property(Tollgate.TENANT_PROPERTY, "globex").async().get().get(30, TimeUnit.SECONDS)) {
            assertEquals(200, r.getStatus());
        }
        assertEquals("Bearer " + GLOBEX_SANDBOX_TOKEN, taxjar.journal().last().header("Authorization").orElseThrow());
    }

    @Test
    void anEmptyTenantPropertyIsRefusedRatherThanReadAsNoTenant() {
        clientFor(harness.engine(config()
                .and("tollgate.taxjar.tenant-required", "false")
                .and("tollgate.taxjar.api-token", ACME_SANDBOX_TOKEN)));
        assertThrows(UnsafeRequestException.class, () -> get("categories", ""));
        assertEquals(0, taxjar.journal().count());
    }

    @Test
    void tenantsListedByNameCountEvenWithoutKeysOfTheirOwnYet() {
        TollgateEngine engine = harness.engine(config()
                .and("tollgate.taxjar.tenants", "acme, globex")
                .and("tollgate.taxjar.tenants.acme.api-token", ACME_SANDBOX_TOKEN));
        assertEquals(java.util.Set.of("acme", "globex"), engine.tenants("taxjar"));
        List<TollgateConfigException> problems = engine.validate("taxjar");
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).getMessage().contains("set tollgate.taxjar.tenants.globex.api-token"),
                problems.get(0).getMessage());
    }

    @Test
    void requestPropertyWinsOverTheScopedTenant() {
        clientFor(harness.engine(config()
                .and("tollgate.taxjar.tenants.acme.api-token", ACME_SANDBOX_TOKEN)
                .and("tollgate.taxjar.tenants.globex.api-token", GLOBEX_SANDBOX_TOKEN)));
        Tollgate.withTenant("globex", () -> get("categories", "acme").close());
        assertEquals("Bearer " + ACME_SANDBOX_TOKEN, taxjar.journal().last().header("Authorization").orElseThrow());
    }

    @Test
    void merchantWithoutItsOwnTokenNeverGetsTheClientsTokenAndNothingIsSent() {
        clientFor(harness.engine(config()
                .and("tollgate.taxjar.tenant-required", "false")
                .and("tollgate.taxjar.api-token", ACME_SANDBOX_TOKEN)
                .and("tollgate.taxjar.tenants.globex.api-token", GLOBEX_SANDBOX_TOKEN)));

        TollgateConfigException e = assertThrows(TollgateConfigException.class, () -> get("categories", "initech"));
        assertTrue(e.getMessage().contains("tollgate.taxjar.tenants.initech.api-token"), e.getMessage());
        assertEquals("taxjar", e.client());
        assertEquals("initech", e.tenant().orElseThrow());
        assertEquals(0, taxjar.journal().count(), "a request left the JVM without the merchant's token");
    }

    @Test
    void perMerchantBaseUrlOverridesTheClients() {
        clientFor(harness.engine(config()
                .and("tollgate.taxjar.tenants.acme.base-url", taxjar.productionUrl())
                .and("tollgate.taxjar.tenants.acme.api-token", ACME_PRODUCTION_TOKEN)));
        try (Response r = client.target(taxjar.productionUrl()).path("categories").request()
                .property(Tollgate.TENANT_PROPERTY, "acme").get()) {
            assertEquals(200, r.getStatus());
        }
    }

    @Test
    void invalidTenantNameIsRefusedBeforeSending() {
        clientFor(harness.engine(config().and("tollgate.taxjar.api-token", ACME_SANDBOX_TOKEN)));
        TollgateException e = assertThrows(TollgateException.class, () -> get("categories", "acme.evil\r\n"));
        assertFalse(e.getMessage().contains("evil"), "the message repeats unchecked input: " + e.getMessage());
        assertEquals(0, taxjar.journal().count());
        assertThrows(IllegalArgumentException.class, () -> Tollgate.withTenant("a b", () -> { }));
        assertThrows(IllegalArgumentException.class, () -> Tollgate.withTenant("", () -> { }));
    }

    @Test
    void fixtureTokensNeverAppearInToStringOfWhatHoldsThem() {
        TollgateEngine engine = harness.engine(config().and("tollgate.taxjar.api-token", ACME_SANDBOX_TOKEN));
        clientFor(engine);
        get("categories", null).close();
        String shown = engine.cache().describe() + " " + engine.settings("taxjar", "") + " " + engine.feature("taxjar");
        assertTrue(shown.contains("****f2f4"), "the cache view should show the masked token: " + shown);
        assertFalse(SecretScan.containsAny(shown, TaxJarFixture.secrets()), shown);
    }
}
