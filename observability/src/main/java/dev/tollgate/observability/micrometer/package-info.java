/**
 * The metrics sink for Micrometer (WildFly's {@code micrometer} subsystem). No class here is a
 * bean or names a bean-defining annotation: the container must not load them where Micrometer is
 * absent (Payara); {@link dev.tollgate.observability.MetricsSinkProducer} loads them after checking.
 */
package dev.tollgate.observability.micrometer;
