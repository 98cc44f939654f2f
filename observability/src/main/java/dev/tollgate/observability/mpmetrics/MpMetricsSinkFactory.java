package dev.tollgate.observability.mpmetrics;

import dev.tollgate.engine.observe.MetricsSink;
import dev.tollgate.observability.SinkFactory;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.Unmanaged;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.MetricRegistry;

/** Loaded by name once MicroProfile Metrics' registry is known to be a bean (no bean itself: see the package). */
public final class MpMetricsSinkFactory implements SinkFactory {

    /**
     * Injected as an application's field would be: Payara's producer reads the injection point's
     * {@code @RegistryScope} (none: the application registry), which a bare lookup does not have.
     */
    public static final class ApplicationRegistry {
        @Inject
        MetricRegistry registry;
    }

    @Override
    public MetricsSink sink(BeanManager beans) {
        return new MpMetricsSink(new Unmanaged<>(beans, ApplicationRegistry.class).newInstance().produce().inject().get().registry);
    }
}
