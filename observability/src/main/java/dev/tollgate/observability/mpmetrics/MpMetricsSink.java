package dev.tollgate.observability.mpmetrics;

import dev.tollgate.engine.observe.Metric;
import dev.tollgate.engine.observe.MetricsSink;
import java.util.Map;
import java.util.Objects;
import java.util.function.DoubleSupplier;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The engine's metrics in MicroProfile Metrics' application registry (Payara's, served at
 * {@code /metrics} as Prometheus text: {@code tollgate.token.requests} reads
 * {@code tollgate_token_requests_total}).
 */
public final class MpMetricsSink implements MetricsSink {

    private final MetricRegistry registry;

    public MpMetricsSink(MetricRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public void increment(Metric metric, Map<String, String> tags) {
        // the registry returns the counter it has for this name and tags, so this registers once
        registry.counter(metadata(metric), tags(tags)).inc();
    }

    @Override
    public void gauge(Metric metric, Map<String, String> tags, DoubleSupplier value) {
        registry.gauge(metadata(metric), value, DoubleSupplier::getAsDouble, tags(tags));
    }

    private static Metadata metadata(Metric metric) {
        return Metadata.builder().withName(metric.metricName()).withDescription(metric.description()).build();
    }

    private static Tag[] tags(Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> new Tag(e.getKey(), e.getValue())).toArray(Tag[]::new);
    }
}
