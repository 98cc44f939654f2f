package dev.tollgate.observability.micrometer;

import dev.tollgate.engine.observe.Metric;
import dev.tollgate.engine.observe.MetricsSink;
import dev.tollgate.observability.Registrations;
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
 * Counters, not function counters: the engine pushes each increment as it happens.
 * <p>
 * Meters are made with the registry's own {@code counter(name, tags)} and {@code gauge(...)}, not
 * with {@code Counter.builder(...).register(registry)}: WildFly gives each deployment a registry
 * that forwards those two methods to the server's (adding the deployment's tag), while a builder
 * registers in the deployment registry itself, which no endpoint serves. So meters carry no
 * description. Closed when the application stops: its meters leave the server's registry, which
 * outlives the application.
 */
public final class MicrometerSink implements MetricsSink, AutoCloseable {

    private final MeterRegistry registry;
    private final Registrations<Meter> registered;
    /**
     * Micrometer holds a gauge's object weakly: the engine keeps no other reference to the
     * suppliers it gives, which would leave its gauges NaN after a collection.
     */
    private final Set<DoubleSupplier> gaugeValues = ConcurrentHashMap.newKeySet();

    public MicrometerSink(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.registered = new Registrations<>(registry::remove);
    }

    @Override
    public void increment(Metric metric, Map<String, String> tags) {
        if (registered.isClosed()) {
            return;
        }
        // the registry returns the counter it has for this name and tags, so this registers once
        var counter = registry.counter(metric.metricName(), tags(tags));
        registered.add(counter);
        counter.increment();
    }

    @Override
    public void gauge(Metric metric, Map<String, String> tags, DoubleSupplier value) {
        if (registered.isClosed()) {
            return;
        }
        gaugeValues.add(value);
        Tags gaugeTags = tags(tags);
        registry.gauge(metric.metricName(), gaugeTags, value, DoubleSupplier::getAsDouble);
        var gauge = registry.find(metric.metricName()).tags(gaugeTags).gauge();
        if (gauge != null) {
            registered.add(gauge);
        }
        if (registered.isClosed()) {
            gaugeValues.clear(); // closed meanwhile: the gauge was taken out again
        }
    }

    /** The engine closed (the application stops): as {@link #close()}. */
    @Override
    public void engineClosed() {
        close();
    }

    /** Removes every meter this sink registered from the server's registry; registers none from then on. */
    @Override
    public void close() {
        registered.close();
        gaugeValues.clear();
    }

    private static Tags tags(Map<String, String> tags) {
        return Tags.of(tags.entrySet().stream().map(e -> Tag.of(e.getKey(), e.getValue())).toList());
    }
}
