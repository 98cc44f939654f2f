package dev.tollgate.observability.micrometer;

import dev.tollgate.engine.observe.MetricsSink;
import dev.tollgate.observability.SinkFactory;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.Unmanaged;
import jakarta.inject.Inject;

/** Loaded by name once Micrometer's registry is known to be a bean (no bean itself: see the package). */
public final class MicrometerSinkFactory implements SinkFactory {

    /** Injected as an application's field would be: a server's producer may read the injection point. */
    public static final class ServerRegistry {
        @Inject
        MeterRegistry registry;
    }

    @Override
    public MetricsSink sink(BeanManager beans) {
        return new MicrometerSink(new Unmanaged<>(beans, ServerRegistry.class).newInstance().produce().inject().get().registry);
    }
}
