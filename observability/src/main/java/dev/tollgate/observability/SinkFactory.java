package dev.tollgate.observability;

import dev.tollgate.engine.observe.MetricsSink;

/**
 * Makes the sink of one metrics API from that API's registry. Implementations use the API in
 * their signatures and are loaded by name only after the API was found (see {@link MetricsApi}).
 */
public interface SinkFactory {

    /** @param registry the server's registry bean, of the type {@link MetricsApi#registryClass()} names */
    MetricsSink sink(Object registry);
}
