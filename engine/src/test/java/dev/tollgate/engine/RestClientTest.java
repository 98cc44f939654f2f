package dev.tollgate.engine;

import static dev.tollgate.testkit.simulator.taxjar.TaxJarFixture.ACME_SANDBOX_TOKEN;
import static dev.tollgate.testkit.simulator.taxjar.TaxJarFixture.GLOBEX_SANDBOX_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.Authenticated;
import dev.tollgate.api.CredentialsRejectedException;
import dev.tollgate.api.Tollgate;
import dev.tollgate.api.TollgateConfigException;
import dev.tollgate.engine.fake.StaticBearerProvider;
import dev.tollgate.engine.testing.EngineHarness;
import dev.tollgate.engine.testing.TaxJarLoopback;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.eclipse.microprofile.rest.client.RestClientBuilder;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The engine's Rest Client hook, with the fake static-token provider against the simulated TaxJar.
 * A MicroProfile Rest Client interface (Jersey's implementation, in this JVM) whose only Tollgate
 * element is {@code @Authenticated}: the configuration comes from MicroProfile Config as an
 * administrator would set it, and the listener Tollgate registers with ServiceLoader does the rest.
 */
class RestClientTest {

    @RegisterRestClient(configKey = "taxjar")
    @Authenticated("taxjar")
    @Produces(MediaType.APPLICATION_JSON)
    public interface TaxJarApi {
        @GET
        @Path("categories")
        String categories();

        @GET
        @Path("rates/{zip}")
        CompletionStage<String> rates(@PathParam("zip") String zip);
    }

    @Authenticated("nobody-configured-this")
    public interface MisnamedApi {
        @GET
        @Path("categories")
        String categories();
    }

    /** Shared by the class's tests: the Rest Client implementation reads the one registered configuration. */
    static final EngineHarness harness = new EngineHarness();
    static TaxJarLoopback taxjar;
    static Config config;

    @BeforeAll
    static void configure() {
        taxjar = harness.taxjar();
        config = taxjar.config(StaticBearerProvider.ID)
                .and("tollgate.taxjar.tenant-required", "false")
                .and("tollgate.taxjar.api-token", ACME_SANDBOX_TOKEN)
                .and("tollgate.taxjar.tenants.globex.api-token", GLOBEX_SANDBOX_TOKEN)
                .build();
        ConfigProviderResolver resolver = ConfigProviderResolver.instance();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        resolver.releaseConfig(resolver.getConfig(loader));
        resolver.registerConfig(config, loader);
    }

    @AfterAll
    static void release() {
        ConfigProviderResolver.instance().releaseConfig(config);
        harness.close();
    }

    @BeforeEach
    void clearJournal() {
        taxjar.journal().clear();
    }

    private static <T> T build(Class<T> api) {
        return RestClientBuilder.newBuilder().baseUri(URI.create(taxjar.sandboxUrl())).build(api);
    }

    @Test
    void theAnnotationAloneAuthenticatesTheInterface() {
        String categories = build(TaxJarApi.class).categories();
        assertTrue(categories.contains("Software as a Service"), categories);
        assertEquals("Bearer " + ACME_SANDBOX_TOKEN, taxjar.journal().last().header("Authorization").orElseThrow());
    }

    @Test
    void aScopedTenantSelectsThatMerchantsToken() {
        TaxJarApi api = build(TaxJarApi.class);
        Tollgate.withTenant("globex", () -> api.categories());
        api.categories();
        assertEquals("Bearer " + GLOBEX_SANDBOX_TOKEN, taxjar.journal().requests().get(0).header("Authorization").orElseThrow());
        assertEquals("Bearer " + ACME_SANDBOX_TOKEN, taxjar.journal().requests().get(1).header("Authorization").orElseThrow());
    }

    @Test
    void theTenantTravelsWithAnAsynchronousCall() throws Exception {
        TaxJarApi api = build(TaxJarApi.class);
        CompletionStage<String> rates = Tollgate.withTenant("globex", () -> api.rates("94105"));
        assertTrue(rates.toCompletableFuture().get(30, TimeUnit.SECONDS).contains("94105"));
        assertEquals("Bearer " + GLOBEX_SANDBOX_TOKEN, taxjar.journal().last().header("Authorization").orElseThrow(),
                "the asynchronous call lost the tenant selected by its caller");
    }

    /**
     * An executor that runs each task on its one pooled thread and returns only when it has
     * ended, so that every asynchronous call has completed before the Rest Client implementation
     * attaches its completion stages: they then run on the caller's thread, as they do for any
     * call that fails fast (connection refused, a cooldown).
     */
    private static ExecutorService finishingFirstOn(ExecutorService worker) {
        return new AbstractExecutorService() {
            @Override
            public void execute(Runnable task) {
                try {
                    worker.submit(task).get(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public void shutdown() {
            }

            @Override
            public List<Runnable> shutdownNow() {
                return List.of();
            }

            @Override
            public boolean isShutdown() {
                return false;
            }

            @Override
            public boolean isTerminated() {
                return false;
            }

            @Override
            public boolean awaitTermination(long timeout, TimeUnit unit) {
                return true;
            }
        };
    }

    @Test
    void anAsynchronousCallNeitherTakesTheCallersTenantNorLeavesItOnThePooledThread() throws Exception {
        ExecutorService worker = Executors.newSingleThreadExecutor();
        try {
            ExecutorService executor = finishingFirstOn(worker);
            TaxJarApi api = RestClientBuilder.newBuilder().baseUri(URI.create(taxjar.sandboxUrl())).executorService(executor)
                    .build(TaxJarApi.class);
            TaxJarApi refused = RestClientBuilder.newBuilder().baseUri(URI.create("http://127.0.0.1:9/v2/"))
                    .executorService(executor).build(TaxJarApi.class);
            Tollgate.withTenant("globex", () -> {
                for (int i = 0; i < 3; i++) {
                    join(api.rates("94105"));
                    assertTenantsKeptApart(api, worker);
                    assertThrows(CompletionException.class, () -> join(refused.rates("94105")), "refused before sending");
                    assertTenantsKeptApart(api, worker);
                }
            });
        } finally {
            worker.shutdownNow();
        }
    }

    /** The caller still has its tenant; the pooled thread has none. */
    private static void assertTenantsKeptApart(TaxJarApi api, ExecutorService worker) {
        api.categories();
        assertEquals("Bearer " + GLOBEX_SANDBOX_TOKEN, taxjar.journal().last().header("Authorization").orElseThrow(),
                "the caller lost its tenant to an asynchronous call");
        try {
            worker.submit(() -> api.categories()).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | InterruptedException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
        assertEquals("Bearer " + ACME_SANDBOX_TOKEN, taxjar.journal().last().header("Authorization").orElseThrow(),
                "a call that selected no tenant went out with the tenant an asynchronous call left on its pooled thread");
    }

    private static String join(CompletionStage<String> stage) {
        try {
            return stage.toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new CompletionException(e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aRejectedTokenSurfacesAsTollgatesExceptionFromTheProxy() {
        TaxJarApi api = build(TaxJarApi.class);
        CredentialsRejectedException e = assertThrows(CredentialsRejectedException.class,
                () -> Tollgate.withTenant("globex", () -> {
                    taxjar.accounts().revoke(GLOBEX_SANDBOX_TOKEN);
                    try {
                        return api.categories();
                    } finally {
                        taxjar.accounts().add("sandbox", GLOBEX_SANDBOX_TOKEN, "globex", true);
                    }
                }));
        assertEquals("globex", e.tenant().orElseThrow());
        assertTrue(e.getMessage().contains("tollgate.taxjar.tenants.globex.api-token"), e.getMessage());
    }

    @Test
    void anInterfaceNamingAnUnconfiguredClientFailsWhenBuilt() {
        TollgateConfigException e = assertThrows(TollgateConfigException.class, () -> build(MisnamedApi.class));
        assertTrue(e.getMessage().contains("tollgate.nobody-configured-this.provider"), e.getMessage());
        assertTrue(e.getMessage().contains(StaticBearerProvider.ID), "should list the installed providers: " + e.getMessage());
    }
}
