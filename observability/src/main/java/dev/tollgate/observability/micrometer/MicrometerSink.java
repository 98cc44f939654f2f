package dev.tollgate.observability.micrometer;

import dev.tollgate.engine.observe.Metric;
import dev.tollgate.engine.observe.MetricsSink;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleSupplier;

/**
 * The engine's metrics as Micrometer meters in the server's registry (WildFly's, served as
 * Prometheus text: {@code tollgate.token.requests} reads {@code tollgate_token_requests_total}).
 * Counters, not function counters: the engine pushes each increment as it happens. Closed when
 * the application stops: its meters leave the server's registry, which outlives the application
 * (and would otherwise keep its gauges' suppliers, and with them its class loader).
 */
public final class MicrometerSink implements MetricsSink, AutoCloseable {

    private final MeterRegistry registry;
    private final Set<Meter> registered = ConcurrentHashMap.newKeySet();

    public MicrometerSink(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public void increment(Metric metric, Map<String, String> tags) {
        // the registry returns the meter it has for this name and tags, so this registers once
        Counter counter = Counter.builder(metric.metricName())
                .description(metric.description())
                .tags(tags(tags))
                .register(registry);
        registered.add(counter);
        counter.increment();
    }

    @Override
    public void gauge(Metric metric, Map<String, String> tags, DoubleSupplier value) {
        registered.add(Gauge.builder(metric.metricName(), value, DoubleSupplier::getAsDouble)
                .description(metric.description())
                .tags(tags(tags))
                // Micrometer holds a gauge's object weakly by default: the engine keeps no other
                // reference to this supplier, which would leave the gauge NaN after a collection
                .strongReference(true)
                .register(registry));
    }

    /** Removes every meter this sink registered from the server's registry. */
    @Override
    public void close() {
        registered.removeIf(meter -> {
            registry.remove(meter);
            return true;
        });
    }

    private static Tags tags(Map<String, String> tags) {
        return Tags.of(tags.entrySet().stream().map(e -> Tag.of(e.getKey(), e.getValue())).toList());
    }
}
