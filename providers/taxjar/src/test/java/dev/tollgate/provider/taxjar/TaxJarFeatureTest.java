package dev.tollgate.provider.taxjar;

import static dev.tollgate.testkit.simulator.taxjar.TaxJarFixture.ACME_PRODUCTION_TOKEN;
import static dev.tollgate.testkit.simulator.taxjar.TaxJarFixture.ACME_SANDBOX_TOKEN;
import static dev.tollgate.testkit.simulator.taxjar.TaxJarFixture.GLOBEX_SANDBOX_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.CredentialsRejectedException;
import dev.tollgate.api.Tollgate;
import dev.tollgate.api.TollgateConfigException;
import dev.tollgate.api.TollgateException;
import dev.tollgate.api.UnsafeRequestException;
import dev.tollgate.engine.TollgateEngine;
import dev.tollgate.testkit.http.RecordedRequest;
import dev.tollgate.testkit.log.SecretScan;
import dev.tollgate.testkit.simulator.taxjar.TaxJarFixture;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.ArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A plain Jersey client with {@code Tollgate.feature}, against the simulated TaxJar. */
class TaxJarFeatureTest {

    private TaxJarSandbox taxjar;
    private Client client;

    @BeforeEach
    void start() {
        taxjar = new TaxJarSandbox();
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        taxjar.close();
    }

    private Client clientFor(TollgateEngine engine) {
        client = ClientBuilder.newClient().register(engine.feature("taxjar"));
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
    void bearerTokenAndApiVersionArriveOnTheWire() {
        clientFor(taxjar.engine(taxjar.config()
                .and("tollgate.taxjar.api-token", ACME_SANDBOX_TOKEN)
                .and("tollgate.taxjar.api-version", "2020-08-07")));

        try (Response response = get("categories", null)) {
            assertEquals(200, response.getStatus());
            assertTrue(response.readEntity(String.class).contains("product_tax_code"));
        }
        RecordedRequest seen = taxjar.journal.last();
        assertEquals("Bearer " + ACME_SANDBOX_TOKEN, seen.header("Authorization").orElseThrow());
        assertEquals("2020-08-07", seen.header("x-api-version").orElseThrow());
    }

    @Test
    void noApiVersionHeaderUnlessConfigured() {
        clientFor(taxjar.engine(taxjar.config().and("tollgate.taxjar.api-token", ACME_SANDBOX_TOKEN)));
        get("categories", null).close();
        assertTrue(taxjar.journal.last().header("x-api-version").isEmpty());
    }

    @Test
    void malformedApiVersionIsAConfigurationError() {
        TollgateEngine engine = taxjar.engine(taxjar.config()
                .and("tollgate.taxjar.api-token", ACME_SANDBOX_TOKEN)
                .and("tollgate.taxjar.api-version", "v2"));
        TollgateConfigException e = assertThrows(TollgateConfigException.class, () -> engine.feature("taxjar"));
        assertTrue(e.getMessage().contains("tollgate.taxjar.api-version"), e.getMessage());
    }

    @Test
    void eachMerchantsCallCarriesThatMerchantsTokenEvenWhenInterleaved() throws Exception {
        clientFor(taxjar.engine(taxjar.config()
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
        assertEquals(200, taxjar.journal.count());
        for (RecordedRequest seen : taxjar.journal.requests()) {
            String zip = seen.path().substring(seen.path().lastIndexOf('/') + 1);
            assertEquals("Bearer " + tokenOfZip.get(zip), seen.header("Authorization").orElseThrow(),
                    "a request for zip " + zip + " carried another merchant's token");
        }
    }

    @Test
    void scopedTenantIsRestoredAfterTheCall() {
        clientFor(taxjar.engine(taxjar.config()
                .and("tollgate.taxjar.tenant-required", "false")
                .and("tollgate.taxjar.api-token", ACME_SANDBOX_TOKEN)
                .and("tollgate.taxjar.tenants.globex.api-token", GLOBEX_SANDBOX_TOKEN)));
        assertThrows(IllegalStateException.class, () -> Tollgate.withTenant("globex", () -> {
            get("categories", null).close();
            throw new IllegalStateException("the application's own failure");
        }));
        get("categories", null).close();

        List<RecordedRequest> seen = taxjar.journal.requests();
        assertEquals("Bearer " + GLOBEX_SANDBOX_TOKEN, seen.get(0).header("Authorization").orElseThrow());
        assertEquals("Bearer " + ACME_SANDBOX_TOKEN, seen.get(1).header("Authorization").orElseThrow(),
                "the thread kept the tenant of a call that had ended");
    }

    @Test
    void withTenantsRequiredTheCallAfterTheScopeIsRefused() {
        clientFor(taxjar.engine(taxjar.config()
                .and("tollgate.taxjar.api-token", ACME_SANDBOX_TOKEN)
                .and("tollgate.taxjar.tenants.globex.api-token", GLOBEX_SANDBOX_TOKEN)));
        Tollgate.withTenant("globex", () -> get("categories", null).close());
        assertThrows(UnsafeRequestException.class, () -> get("categories", null));
        assertEquals(1, taxjar.journal.count());
    }

    @Test
    void onAClientWithTenantsACallThatSelectsNoneIsRefusedNotSentWithTheClientsToken() {
        clientFor(taxjar.engine(taxjar.config()
                .and("tollgate.taxjar.api-token", ACME_SANDBOX_TOKEN)
                .and("tollgate.taxjar.tenants.globex.api-token", GLOBEX_SANDBOX_TOKEN)));
        UnsafeRequestException e = assertThrows(UnsafeRequestException.class, () -> get("categories", null));
        assertTrue(e.getMessage().contains("tollgate.taxjar.tenant-required=false"), e.getMessage());
        assertEquals(0, taxjar.journal.count());
    }

    @Test
    void aScopedTenantDoesNotReachAPlainAsyncCallWhichIsThereforeRefused() throws Exception {
        clientFor(taxjar.engine(taxjar.config()
                .and("tollgate.taxjar.api-token", ACME_SANDBOX_TOKEN)
                .and("tollgate.taxjar.tenants.globex.api-token", GLOBEX_SANDBOX_TOKEN)));
        Future<Response> lost = Tollgate.withTenant("globex",
                () -> client.target(taxjar.sandboxUrl()).path("categories").request().async().get());
        ExecutionException e = assertThrows(ExecutionException.class, () -> lost.get(30, TimeUnit.SECONDS));
        assertTrue(TollgateException.in(e).orElseThrow() instanceof UnsafeRequestException, String.valueOf(e));
        assertEquals(0, taxjar.journal.count(), "acme's client-level token went out for a globex call");

        // the request property travels with the request to any thread
        try (Response r = client.target(taxjar.sandboxUrl()).path("categories").request()
                .property(Tollgate.TENANT_PROPERTY, "globex").async().get().get(30, TimeUnit.SECONDS)) {
            assertEquals(200, r.getStatus());
        }
        assertEquals("Bearer " + GLOBEX_SANDBOX_TOKEN, taxjar.journal.last().header("Authorization").orElseThrow());
    }

    @Test
    void anEmptyTenantPropertyIsRefusedRatherThanReadAsNoTenant() {
        clientFor(taxjar.engine(taxjar.config()
                .and("tollgate.taxjar.tenant-required", "false")
                .and("tollgate.taxjar.api-token", ACME_SANDBOX_TOKEN)));
        assertThrows(UnsafeRequestException.class, () -> get("categories", ""));
        assertEquals(0, taxjar.journal.count());
    }

    @Test
    void tenantsListedByNameCountEvenWithoutKeysOfTheirOwnYet() {
        TollgateEngine engine = taxjar.engine(taxjar.config()
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
        clientFor(taxjar.engine(taxjar.config()
                .and("tollgate.taxjar.tenants.acme.api-token", ACME_SANDBOX_TOKEN)
                .and("tollgate.taxjar.tenants.globex.api-token", GLOBEX_SANDBOX_TOKEN)));
        Tollgate.withTenant("globex", () -> get("categories", "acme").close());
        assertEquals("Bearer " + ACME_SANDBOX_TOKEN, taxjar.journal.last().header("Authorization").orElseThrow());
    }

    @Test
    void merchantWithoutItsOwnTokenNeverGetsTheClientsTokenAndNothingIsSent() {
        clientFor(taxjar.engine(taxjar.config()
                .and("tollgate.taxjar.tenant-required", "false")
                .and("tollgate.taxjar.api-token", ACME_SANDBOX_TOKEN)
                .and("tollgate.taxjar.tenants.globex.api-token", GLOBEX_SANDBOX_TOKEN)));

        TollgateConfigException e = assertThrows(TollgateConfigException.class, () -> get("categories", "initech"));
        assertTrue(e.getMessage().contains("tollgate.taxjar.tenants.initech.api-token"), e.getMessage());
        assertEquals("taxjar", e.client());
        assertEquals("initech", e.tenant().orElseThrow());
        assertEquals(0, taxjar.journal.count(), "a request left the JVM without the merchant's token");
    }

    @Test
    void noTokenConfiguredMeansNoRequestAndAnErrorNamingTheKey() {
        clientFor(taxjar.engine(taxjar.config()));
        TollgateConfigException e = assertThrows(TollgateConfigException.class, () -> get("categories", null));
        assertTrue(e.getMessage().contains("tollgate.taxjar.api-token"), e.getMessage());
        assertTrue(e.getMessage().contains("TaxJar API token"), e.getMessage());
        assertEquals(0, taxjar.journal.count());
    }

    @Test
    void rejectedTokenSurfacesWithTaxJarsDetailAndNoSecret() {
        String revoked = "5f4dcc3b5aa765d61d8327deb882cf99";
        taxjar.accounts.add("sandbox", revoked, "acme", true);
        clientFor(taxjar.engine(taxjar.config().and("tollgate.taxjar.api-token", revoked)));
        get("categories", null).close();
        taxjar.accounts.revoke(revoked);

        CredentialsRejectedException e = assertThrows(CredentialsRejectedException.class, () -> get("categories", null));
        assertEquals(401, e.status());
        assertEquals("Not authorized for route 'GET /v2/categories'", e.vendorDetail().orElseThrow());
        assertTrue(e.getMessage().contains("tollgate.taxjar.api-token"), e.getMessage());
        assertFalse(SecretScan.containsAny(e.getMessage(), List.of(revoked)), e.getMessage());
        assertEquals(2, taxjar.journal.count(), "a 401 on a static token must not be retried");
    }

    @Test
    void sandboxTokenIsRejectedByProduction() {
        clientFor(taxjar.engine(taxjar.config()
                .and("tollgate.taxjar.base-url", taxjar.productionUrl())
                .and("tollgate.taxjar.api-token", ACME_SANDBOX_TOKEN)));
        assertThrows(CredentialsRejectedException.class,
                () -> client.target(taxjar.productionUrl()).path("categories").request().get());
    }

    @Test
    void perMerchantBaseUrlOverridesTheClients() {
        clientFor(taxjar.engine(taxjar.config()
                .and("tollgate.taxjar.tenants.acme.base-url", taxjar.productionUrl())
                .and("tollgate.taxjar.tenants.acme.api-token", ACME_PRODUCTION_TOKEN)));
        try (Response r = client.target(taxjar.productionUrl()).path("categories").request()
                .property(Tollgate.TENANT_PROPERTY, "acme").get()) {
            assertEquals(200, r.getStatus());
        }
    }

    @Test
    void invalidTenantNameIsRefusedBeforeSending() {
        clientFor(taxjar.engine(taxjar.config().and("tollgate.taxjar.api-token", ACME_SANDBOX_TOKEN)));
        TollgateException e = assertThrows(TollgateException.class, () -> get("categories", "acme.evil\r\n"));
        assertFalse(e.getMessage().contains("evil"), "the message repeats unchecked input: " + e.getMessage());
        assertEquals(0, taxjar.journal.count());
        assertThrows(IllegalArgumentException.class, () -> Tollgate.withTenant("a b", () -> { }));
        assertThrows(IllegalArgumentException.class, () -> Tollgate.withTenant("", () -> { }));
    }

    @Test
    void fixtureTokensNeverAppearInToStringOfWhatHoldsThem() {
        TollgateEngine engine = taxjar.engine(taxjar.config().and("tollgate.taxjar.api-token", ACME_SANDBOX_TOKEN));
        clientFor(engine);
        get("categories", null).close();
        String shown = engine.cache().describe() + " " + engine.settings("taxjar", "") + " " + engine.feature("taxjar");
        assertTrue(shown.contains("****f2f4"), "the cache view should show the masked token: " + shown);
        assertFalse(SecretScan.containsAny(shown, TaxJarFixture.secrets()), shown);
    }
}
