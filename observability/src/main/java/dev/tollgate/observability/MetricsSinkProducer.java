package dev.tollgate.observability;

import dev.tollgate.engine.observe.MetricsSink;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The sink for the metrics API the server serves (Micrometer in WildFly, MicroProfile Metrics in
 * Payara), which the engine bean passes to the engine it builds. Chosen once per application;
 * null, which the engine bean skips, where the server serves neither.
 */
@ApplicationScoped
public class MetricsSinkProducer {

    private static final Logger LOG = Logger.getLogger(MetricsSinkProducer.class.getName());

    @Inject
    BeanManager beans;

    private Optional<MetricsSink> sink;

    @PostConstruct
    void choose() {
        try {
            sink = new SinkChoice(beans, MetricsSinkProducer.class.getClassLoader()).choose(MetricsApi.KNOWN);
        } catch (RuntimeException | LinkageError e) {
            // metrics are no reason for the application not to start: the engine counts by itself
            LOG.log(Level.WARNING, "Tollgate's metrics go to no metrics API of the server, which failed to give its registry: "
                    + e.getClass().getName(), e);
            sink = Optional.empty();
        }
    }

    /** The application stops: the sink's meters leave the server's registry, which outlives it. */
    @PreDestroy
    void close() {
        if (sink.isPresent() && sink.get() instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // (a callback must not throw checked exceptions) the application stops all the same
                LOG.log(Level.FINE, "the metrics sink did not close", e);
            }
        }
    }

    @Produces
    @Dependent
    MetricsSink sink() {
        return sink.orElse(null);
    }
}
