package dev.tollgate.observability;

import dev.tollgate.engine.observe.MetricsSink;
import jakarta.enterprise.inject.spi.BeanManager;

/**
 * Makes the sink of one metrics API from that API's registry bean. Implementations use the API in
 * their signatures and are loaded by name only after the API was found (see {@link MetricsApi}).
 */
public interface SinkFactory {

    /** @param beans the application's beans, among them the registry of {@link MetricsApi#registryClass()} */
    MetricsSink sink(BeanManager beans);
}
