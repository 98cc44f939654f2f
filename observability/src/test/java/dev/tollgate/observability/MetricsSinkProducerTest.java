package dev.tollgate.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.engine.observe.Metric;
import dev.tollgate.engine.observe.MetricsSink;
import dev.tollgate.observability.micrometer.MicrometerSink;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.InjectionPoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/** The sink chosen in a real CDI container (Weld SE) by the metrics API the "server" serves. */
class MetricsSinkProducerTest {

    /** Stands in for WildFly's micrometer subsystem, which makes its registry a bean. */
    @ApplicationScoped
    public static class ServerRegistry {
        static final SimpleMeterRegistry REGISTRY = new SimpleMeterRegistry();

        @Produces
        MeterRegistry registry() {
            return REGISTRY;
        }
    }

    /**
     * A server whose producer reads the injection point (Payara's reads its {@code @RegistryScope}):
     * the registry must be injected into a field, not looked up bare.
     */
    @ApplicationScoped
    public static class InjectionPointRegistry {
        static final SimpleMeterRegistry REGISTRY = new SimpleMeterRegistry();

        @Produces
        @Dependent
        MeterRegistry registry(InjectionPoint injectionPoint) {
            injectionPoint.getAnnotated().getAnnotations();
            return REGISTRY;
        }
    }

    /** A server whose registry bean cannot be made. */
    @ApplicationScoped
    public static class BrokenRegistry {
        @Produces
        MeterRegistry registry() {
            throw new IllegalStateException("registry unavailable");
        }
    }

    private static List<MetricsSink> sinks(WeldContainer container) {
        Instance<MetricsSink> all = container.select(MetricsSink.class, Any.Literal.INSTANCE);
        List<MetricsSink> sinks = new ArrayList<>();
        all.forEach(sinks::add);
        return sinks.stream().filter(Objects::nonNull).toList();
    }

    @Test
    void aServerWithMicrometersRegistryGetsAMicrometerSinkWritingToIt() {
        try (WeldContainer container = new Weld().disableDiscovery()
                .addBeanClasses(MetricsSinkProducer.class, ServerRegistry.class).initialize()) {
            List<MetricsSink> sinks = sinks(container);

            assertEquals(1, sinks.size());
            assertInstanceOf(MicrometerSink.class, sinks.get(0));
            sinks.get(0).increment(Metric.COOLDOWNS, Map.of("client", "keycloak", "credential", "access-token"));
            assertEquals(1.0, ServerRegistry.REGISTRY.get("tollgate.cooldowns").tag("client", "keycloak").counter().count());
        }
    }

    @Test
    void anApiWhoseRegistryIsNoBeanGivesNoSink() {
        // Micrometer is on this class path, but no bean is its registry: a server without the subsystem
        try (WeldContainer container = new Weld().disableDiscovery().addBeanClasses(MetricsSinkProducer.class).initialize()) {
            assertEquals(List.of(), sinks(container));
        }
    }

    @Test
    void anApiWhoseClassesAreAbsentIsPassedOverWithoutLoadingItsFactory() {
        try (WeldContainer container = new Weld().disableDiscovery().addBeanClasses(ServerRegistry.class).initialize()) {
            BeanManager beans = container.getBeanManager();
            // the factory's class does not exist either: loading it would throw
            MetricsApi absent = new MetricsApi("Absent", "org.example.absent.Registry", "org.example.absent.SinkFactory");

            Optional<MetricsSink> sink = new SinkChoice(beans, getClass().getClassLoader())
                    .choose(List.of(absent, MetricsApi.MICROMETER));

            assertTrue(sink.isPresent());
            assertInstanceOf(MicrometerSink.class, sink.get());
        }
    }

    @Test
    void aRegistryThatCannotBeMadeGivesNoSinkAndNoFailure() {
        try (WeldContainer container = new Weld().disableDiscovery()
                .addBeanClasses(MetricsSinkProducer.class, BrokenRegistry.class).initialize()) {
            assertEquals(List.of(), sinks(container));
        }
    }

    @Test
    void theApplicationStoppingTakesItsMetersOutOfTheServersRegistry() {
        try (WeldContainer container = new Weld().disableDiscovery()
                .addBeanClasses(MetricsSinkProducer.class, ServerRegistry.class).initialize()) {
            sinks(container).get(0).gauge(Metric.CACHED_CREDENTIALS, Map.of("client", "keycloak", "credential", "access-token"), () -> 2.0);
            assertEquals(2.0, ServerRegistry.REGISTRY.get("tollgate.credentials.cached").tag("client", "keycloak").gauge().value());
        }

        assertTrue(ServerRegistry.REGISTRY.find("tollgate.credentials.cached").meters().isEmpty());
    }

    @Test
    void aRegistryWhoseProducerReadsItsInjectionPointIsServed() {
        try (WeldContainer container = new Weld().disableDiscovery()
                .addBeanClasses(MetricsSinkProducer.class, InjectionPointRegistry.class).initialize()) {
            List<MetricsSink> sinks = sinks(container);

            assertEquals(1, sinks.size());
            sinks.get(0).increment(Metric.COOLDOWNS, Map.of("client", "sila", "credential", "access-token"));
            assertEquals(1.0, InjectionPointRegistry.REGISTRY.get("tollgate.cooldowns").tag("client", "sila").counter().count());
        }
    }
}
