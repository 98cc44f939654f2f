package dev.tollgate.observability;

import java.util.List;

/**
 * A metrics API a server may serve: the registry type applications inject, and the factory
 * making Tollgate's sink for it. Held as class names, so that naming an API loads nothing.
 */
public record MetricsApi(String name, String registryClass, String factoryClass) {

    /** WildFly's {@code micrometer} subsystem: the registry its Prometheus endpoint serves. */
    public static final MetricsApi MICROMETER = new MetricsApi("Micrometer",
            "io.micrometer.core.instrument.MeterRegistry",
            "dev.tollgate.observability.micrometer.MicrometerSinkFactory");

    /** Payara's MicroProfile Metrics: the application registry. */
    public static final MetricsApi MP_METRICS = new MetricsApi("MicroProfile Metrics",
            "org.eclipse.microprofile.metrics.MetricRegistry",
            "dev.tollgate.observability.mpmetrics.MpMetricsSinkFactory");

    /** In the order they are tried: the first the server serves is used. */
    public static final List<MetricsApi> KNOWN = List.of(MICROMETER, MP_METRICS);
}
