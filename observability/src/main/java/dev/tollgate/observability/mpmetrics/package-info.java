/**
 * The metrics sink for MicroProfile Metrics (Payara). No class here is a bean or names a
 * bean-defining annotation: the container must not load them where MicroProfile Metrics is
 * absent (WildFly serves it to administrators only);
 * {@link dev.tollgate.observability.MetricsSinkProducer} loads them after checking.
 */
package dev.tollgate.observability.mpmetrics;
