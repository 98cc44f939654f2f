package dev.tollgate.observability.mpmetrics;

import dev.tollgate.engine.observe.MetricsSink;
import dev.tollgate.observability.SinkFactory;
import org.eclipse.microprofile.metrics.MetricRegistry;

/** Loaded by name once MicroProfile Metrics' registry is known to be there (no bean: see the package). */
public final class MpMetricsSinkFactory implements SinkFactory {

    @Override
    public MetricsSink sink(Object registry) {
        return new MpMetricsSink((MetricRegistry) registry);
    }
}
