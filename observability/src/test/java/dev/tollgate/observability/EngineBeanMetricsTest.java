package dev.tollgate.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tollgate.engine.cdi.EngineBean;
import dev.tollgate.engine.testing.EngineHarness;
import dev.tollgate.engine.testing.OAuth2Loopback;
import dev.tollgate.provider.oauth2.OAuth2Provider;
import dev.tollgate.testkit.simulator.oauth2.OAuth2Fixture;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The application's engine bean, in a real CDI container (Weld SE) with a Micrometer registry as a
 * server's, counts its token requests into that registry: what the vendor counted.
 */
class EngineBeanMetricsTest {

    /** Stands in for WildFly's micrometer subsystem. */
    @ApplicationScoped
    public static class ServerRegistry {
        static final SimpleMeterRegistry REGISTRY = new SimpleMeterRegistry();

        @Produces
        MeterRegistry registry() {
            return REGISTRY;
        }
    }

    @RegisterExtension
    final EngineHarness harness = new EngineHarness();
    private Config registered;

    @AfterEach
    void release() {
        if (registered != null) {
            ConfigProviderResolver.instance().releaseConfig(registered);
        }
    }

    @Test
    void tokenRequestsOfTheEngineBeanAreCountedInTheServersRegistry() {
        OAuth2Loopback oauth2 = harness.oauth2();
        ClassLoader loader = EngineBean.class.getClassLoader();
        ConfigProviderResolver resolver = ConfigProviderResolver.instance();
        resolver.releaseConfig(resolver.getConfig(loader));
        registered = oauth2.config(OAuth2Provider.ID, OAuth2Fixture.BILLING_CLIENT_ID, OAuth2Fixture.BILLING_CLIENT_SECRET).build();
        resolver.registerConfig(registered, loader);

        try (WeldContainer container = new Weld().disableDiscovery()
                .addBeanClasses(EngineBean.class, MetricsSinkProducer.class, ServerRegistry.class).initialize()) {
            EngineBean engine = container.select(EngineBean.class).get();

            assertEquals(200, oauth2.call(harness.client(engine.engine(), OAuth2Loopback.CLIENT)));
            assertEquals(200, oauth2.call(harness.client(engine.engine(), OAuth2Loopback.CLIENT)));

            assertEquals(1, oauth2.simulator().tokenRequests());
            assertEquals(1.0, ServerRegistry.REGISTRY.get("tollgate.token.requests")
                    .tags("client", OAuth2Loopback.CLIENT, "outcome", "succeeded").counter().count());
        }
    }
}
