package dev.tollgate.observability.micrometer;

import dev.tollgate.engine.observe.MetricsSink;
import dev.tollgate.observability.SinkFactory;
import io.micrometer.core.instrument.MeterRegistry;

/** Loaded by name once Micrometer's registry is known to be there (no bean: see the package). */
public final class MicrometerSinkFactory implements SinkFactory {

    @Override
    public MetricsSink sink(Object registry) {
        return new MicrometerSink((MeterRegistry) registry);
    }
}
