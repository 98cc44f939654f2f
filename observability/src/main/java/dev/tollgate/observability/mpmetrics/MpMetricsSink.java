package dev.tollgate.observability.mpmetrics;

import dev.tollgate.engine.observe.Metric;
import dev.tollgate.engine.observe.MetricsSink;
import dev.tollgate.observability.Registrations;
import java.util.Map;
import java.util.Objects;
import java.util.function.DoubleSupplier;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The engine's metrics in MicroProfile Metrics' application registry (Payara's, served at
 * {@code /metrics} as Prometheus text: {@code tollgate.token.requests} reads
 * {@code tollgate_token_requests_total}). Closed when the application stops: its metrics leave
 * the registry, which may outlive the application (and would keep its gauges' suppliers).
 */
public final class MpMetricsSink implements MetricsSink, AutoCloseable {

    private final MetricRegistry registry;
    private final Registrations<MetricID> registered;

    public MpMetricsSink(MetricRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.registered = new Registrations<>(registry::remove);
    }

    @Override
    public void increment(Metric metric, Map<String, String> tags) {
        if (registered.isClosed()) {
            return;
        }
        // the registry returns the counter it has for this name and tags, so this registers once
        Tag[] tagArray = tags(tags);
        registry.counter(metadata(metric), tagArray).inc();
        registered.add(new MetricID(metric.metricName(), tagArray));
    }

    @Override
    public void gauge(Metric metric, Map<String, String> tags, DoubleSupplier value) {
        if (registered.isClosed()) {
            return;
        }
        Tag[] tagArray = tags(tags);
        registry.gauge(metadata(metric), value, DoubleSupplier::getAsDouble, tagArray);
        registered.add(new MetricID(metric.metricName(), tagArray));
    }

    /** The engine closed (the application stops): as {@link #close()}. */
    @Override
    public void engineClosed() {
        close();
    }

    /** Removes every metric this sink registered from the registry; registers none from then on. */
    @Override
    public void close() {
        registered.close();
    }

    private static Metadata metadata(Metric metric) {
        return Metadata.builder().withName(metric.metricName()).withDescription(metric.description()).build();
    }

    private static Tag[] tags(Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> new Tag(e.getKey(), e.getValue())).toArray(Tag[]::new);
    }
}
