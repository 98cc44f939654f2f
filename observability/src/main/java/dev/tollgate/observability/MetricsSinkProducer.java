package dev.tollgate.observability;

import dev.tollgate.engine.observe.MetricsSink;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * The sink for the metrics API the server serves (Micrometer in WildFly, MicroProfile Metrics in
 * Payara), which the engine bean passes to the engine it builds. Chosen once per application;
 * null, which the engine bean skips, where the server serves neither.
 */
@ApplicationScoped
public class MetricsSinkProducer {

    @Inject
    BeanManager beans;

    private Optional<MetricsSink> sink;

    @PostConstruct
    void choose() {
        sink = new SinkChoice(beans, MetricsSinkProducer.class.getClassLoader()).choose(MetricsApi.KNOWN);
    }

    @Produces
    @Dependent
    MetricsSink sink() {
        return sink.orElse(null);
    }
}
