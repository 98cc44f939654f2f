package dev.tollgate.engine.cdi;

import static dev.tollgate.testkit.simulator.taxjar.TaxJarFixture.ACME_SANDBOX_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.TenantDirectory;
import dev.tollgate.api.Tollgate;
import dev.tollgate.api.TollgateConfigException;
import dev.tollgate.engine.fake.StoredBearerProvider;
import dev.tollgate.engine.testing.EngineHarness;
import dev.tollgate.engine.testing.StoreHarness;
import dev.tollgate.engine.testing.TaxJarLoopback;
import dev.tollgate.testkit.config.TestConfig;
import dev.tollgate.testkit.log.ConfiguredSecrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.inject.Inject;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code @Inject TenantDirectory} in a real CDI container (Weld SE): the application's one engine,
 * the same that {@code Tollgate.tenants} and {@code Tollgate.feature} use, so a tenant saved
 * through one is used at once by the others; and the deployment check of a database client.
 */
class TenantDirectoryInjectionTest {

    @RegisterExtension
    final EngineHarness harness = new EngineHarness();
    @RegisterExtension
    final StoreHarness stores = new StoreHarness();
    private final TaxJarLoopback taxjar = harness.taxjar();
    private Config registered;

    /** Where an application onboards merchants: a bean with the directory injected. */
    @ApplicationScoped
    public static class Onboarding {
        @Inject
        TenantDirectory tenants;

        void save(String merchant, String token) {
            tenants.client("taxjar").save(merchant, Map.of("api-token", token));
        }
    }

    private void register(TestConfig config) {
        ConfigProviderResolver resolver = ConfigProviderResolver.instance();
        ClassLoader loader = TenantDirectoryInjectionTest.class.getClassLoader();
        resolver.releaseConfig(resolver.getConfig(loader));
        registered = config.build();
        resolver.registerConfig(registered, loader);
    }

    @AfterEach
    void release() {
        if (registered != null) {
            ConfigProviderResolver.instance().releaseConfig(registered);
        }
    }

    /** With Jersey's CDI extension too, as a server has it: the test's Jersey clients ask the container for it. */
    private static Weld weld() {
        return new Weld().disableDiscovery().addBeanClass(EngineBean.class).addBeanClass(Onboarding.class)
                .addExtension(new TollgateExtension())
                .addExtension(new org.glassfish.jersey.ext.cdi1x.internal.CdiComponentProvider());
    }

    private TestConfig config() {
        return stores.configure(taxjar.config(StoredBearerProvider.ID).and("tollgate.taxjar.tenant-store", "database"));
    }

    @Test
    void aTenantSavedThroughTheInjectedDirectoryIsUsedAtOnceByTheApplicationsEngine() {
        register(config());
        try (WeldContainer container = weld().initialize()) {
            container.select(Onboarding.class).get().save("acme", ConfiguredSecrets.record(ACME_SANDBOX_TOKEN));

            assertEquals(Set.of("acme"), Tollgate.tenants("taxjar").list(), "Tollgate.tenants sees the same engine");
            Client client = harness.closeAfter(ClientBuilder.newClient().register(Tollgate.feature("taxjar")));
            try (Response response = client.target(taxjar.sandboxUrl()).path("categories").request()
                    .property(Tollgate.TENANT_PROPERTY, "acme").get()) {
                assertEquals(200, response.getStatus());
            }
            assertEquals("Bearer " + ACME_SANDBOX_TOKEN, taxjar.journal().last().header("Authorization").orElseThrow());
        }
    }

    @Test
    void aDatabaseClientWithoutAnEncryptionKeyFailsDeploymentNamingTheKey() {
        register(taxjar.config(StoredBearerProvider.ID).and("tollgate.taxjar.tenant-store", "database")
                .and("tollgate.store.jdbc-url", stores.jdbcUrl()));
        DeploymentException e = assertThrows(DeploymentException.class, () -> weld().initialize().close());
        TollgateConfigException cause = assertInstanceOf(TollgateConfigException.class, e.getCause());
        assertTrue(cause.getMessage().contains("tollgate.store.encryption-key"), cause.getMessage());
    }
}
