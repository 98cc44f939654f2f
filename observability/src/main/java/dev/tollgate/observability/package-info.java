/**
 * Bridges the engine's plain-Java observations to the server: the readiness check
 * ({@link dev.tollgate.observability.health}) and the metrics sink of whichever metrics API the
 * server serves ({@link dev.tollgate.observability.MetricsSinkProducer}): Micrometer in WildFly,
 * MicroProfile Metrics in Payara. The classes using one of those APIs are loaded only once the
 * API is known to be there.
 */
package dev.tollgate.observability;
