package dev.tollgate.observability.mpmetrics;

import dev.tollgate.engine.observe.Metric;
import dev.tollgate.engine.observe.MetricsSink;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
    private final Set<MetricID> registered = ConcurrentHashMap.newKeySet();
    /**
     * Set once the application stops: a renewal still running then counts after the close, and
     * its metrics (a gauge's supplier holding the stopped engine's cache) would stay in the
     * registry for good.
     */
    private volatile boolean closed;

    public MpMetricsSink(MetricRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public void increment(Metric metric, Map<String, String> tags) {
        if (closed) {
            return;
        }
        // the registry returns the counter it has for this name and tags, so this registers once
        Tag[] tagArray = tags(tags);
        registry.counter(metadata(metric), tagArray).inc();
        registered(new MetricID(metric.metricName(), tagArray));
    }

    @Override
    public void gauge(Metric metric, Map<String, String> tags, DoubleSupplier value) {
        if (closed) {
            return;
        }
        Tag[] tagArray = tags(tags);
        registry.gauge(metadata(metric), value, DoubleSupplier::getAsDouble, tagArray);
        registered(new MetricID(metric.metricName(), tagArray));
    }

    /** Notes a metric to remove at close; one registered while the sink closed is removed at once. */
    private void registered(MetricID id) {
        registered.add(id);
        // close() sets the flag before it removes: either it saw this metric, or this sees the flag
        if (closed && registered.remove(id)) {
            registry.remove(id);
        }
    }

    /** The engine closed (the application stops): as {@link #close()}. */
    @Override
    public void engineClosed() {
        close();
    }

    /** Removes every metric this sink registered from the registry; registers none from then on. */
    @Override
    public void close() {
        closed = true;
        registered.removeIf(id -> {
            registry.remove(id);
            return true;
        });
    }

    private static Metadata metadata(Metric metric) {
        return Metadata.builder().withName(metric.metricName()).withDescription(metric.description()).build();
    }

    private static Tag[] tags(Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> new Tag(e.getKey(), e.getValue())).toArray(Tag[]::new);
    }
}
