package dev.tollgate.engine.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.Authenticated;
import dev.tollgate.api.TollgateConfigException;
import dev.tollgate.api.TollgateException;
import dev.tollgate.engine.EngineLocator;
import dev.tollgate.engine.TollgateEngine;
import dev.tollgate.testkit.config.TestConfig;
import jakarta.enterprise.inject.spi.DeploymentException;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import dev.tollgate.engine.testing.LogRecords;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/** The engine as an application-scoped bean of a real CDI container (Weld SE), and the deployment check. */
class CdiEngineTest {

    @Authenticated("taxes")
    public interface TaxesApi {
    }

    /** Where an application injects the interface, as it would with {@code @Inject @RestClient}. */
    @jakarta.enterprise.context.Dependent
    public static class Checkout {
        @jakarta.inject.Inject
        TaxesApi taxes;
    }

    /** Stands in for the Rest Client implementation's bean. */
    @jakarta.enterprise.context.Dependent
    public static class TaxesApiProducer {
        @jakarta.enterprise.inject.Produces
        TaxesApi taxes() {
            return new TaxesApi() {
            };
        }
    }

    /** A second engine bean, as the engine jar packaged twice (EAR lib/ and a WAR's WEB-INF/lib) gives. */
    @jakarta.enterprise.context.ApplicationScoped
    public static class SecondEngineBean extends EngineBean {
    }

    private Config registered;

    private void register(TestConfig config) {
        ConfigProviderResolver resolver = ConfigProviderResolver.instance();
        ClassLoader loader = CdiEngineTest.class.getClassLoader();
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

    private static Weld weld(Class<?>... extraTypes) {
        return new Weld().disableDiscovery()
                .addBeanClass(EngineBean.class)
                .addBeanClasses(extraTypes)
                .addExtension(new TollgateExtension());
    }

    private static TestConfig valid() {
        return TestConfig.with("tollgate.shop.provider", "static-header")
                .and("tollgate.shop.base-url", "https://api.example.com/")
                .and("tollgate.shop.token", "cdi-test-token-0b7e");
    }

    @Test
    void everyLookupInTheApplicationGetsTheSameEngine() {
        register(valid());
        try (WeldContainer container = weld().initialize()) {
            TollgateEngine first = EngineLocator.current();
            TollgateEngine second = container.select(EngineBean.class).get().engine();
            assertSame(first, second);
            assertSame(first.cache(), EngineLocator.current().cache());
            assertEquals(java.util.Set.of("shop"), first.clients());
        }
    }

    @Test
    void twoEnginesNameTheJarThatIsPackagedTwice() {
        register(valid());
        try (WeldContainer container = weld(SecondEngineBean.class).initialize()) {
            TollgateConfigException e = assertThrows(TollgateConfigException.class, EngineLocator::current);
            assertTrue(e.getMessage().contains("tollgate-engine"), "the administrator looks for the jar it names: " + e.getMessage());
        }
    }

    @Test
    void aBadConfigurationFailsDeploymentNamingTheKey() {
        register(TestConfig.with("tollgate.shop.provider", "static-header")
                .and("tollgate.shop.base-url", "https://api.example.com/")
                .and("tollgate.shop.tenants.acme.region", "eu"));
        DeploymentException e = assertThrows(DeploymentException.class, () -> weld().initialize().close());
        TollgateConfigException cause = assertInstanceOf(TollgateConfigException.class, e.getCause());
        assertEquals("client 'shop' (provider static-header, tenant 'acme'): no static token is configured:"
                + " set tollgate.shop.tenants.acme.token.", cause.getMessage());
    }

    @Test
    void eachClientIsLoggedOnceADeploymentNotOncePerEngine() {
        register(valid());
        try (LogRecords log = new LogRecords(); WeldContainer container = weld().initialize()) {
            container.select(EngineBean.class).get().engine().feature("shop"); // the application's engine, in use
            List<String> lines = log.at(Level.INFO);
            assertEquals(List.of("client 'shop' (provider static-header): 0 configured tenant(s), stored tenants no;"
                    + " credentials go to https://api.example.com:443."), lines);
        }
    }

    @Test
    void aPerTenantValueOtherThanTrueOrFalseFailsDeploymentNamingTheKey() {
        register(valid().and("tollgate.metrics.per-tenant", "yes"));
        RuntimeException e = assertThrows(RuntimeException.class, () -> weld().initialize().close());
        TollgateConfigException cause = TollgateException.in(e).map(TollgateConfigException.class::cast).orElseThrow(() -> e);
        assertTrue(cause.getMessage().contains("tollgate.metrics.per-tenant"), cause.getMessage());
    }

    @Test
    void aDeploymentThatFailsLogsNoClient() {
        register(TestConfig.with("tollgate.shop.provider", "static-header")
                .and("tollgate.shop.base-url", "https://api.example.com/"));
        try (LogRecords log = new LogRecords()) {
            assertThrows(DeploymentException.class, () -> weld().initialize().close());
            assertEquals(List.of(), log.at(Level.INFO));
        }
    }

    @Test
    void anAnnotatedInterfaceNamingAnUnconfiguredClientFailsDeployment() {
        register(valid());
        // the interface itself is not a bean class: only the injection point shows it to CDI
        DeploymentException e = assertThrows(DeploymentException.class,
                () -> weld(Checkout.class, TaxesApiProducer.class).initialize().close());
        TollgateConfigException cause = assertInstanceOf(TollgateConfigException.class, e.getCause());
        assertTrue(cause.getMessage().contains("tollgate.taxes.provider is not set"), cause.getMessage());
    }
}
