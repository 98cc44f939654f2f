package dev.tollgate.engine.observe;

import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * Where the engine's metrics go besides its own counters: a bridge to the server's metrics API
 * (Micrometer in WildFly, MicroProfile Metrics in Payara). Given to the engine when it is built, so
 * no count is missed. Called on callers' and fetch threads: each method returns at once; what it
 * throws is caught by the engine and never reaches a caller.
 */
public interface MetricsSink {

    /** Adds one to a {@link Metric.Type#COUNTER counter}; {@code tags} sorted by name, never null values. */
    void increment(Metric metric, Map<String, String> tags);

    /**
     * Registers a {@link Metric.Type#GAUGE gauge} series, once per metric and tags, the first time
     * the engine has one; {@code value} is read whenever the server scrapes (NaN: no value now).
     */
    void gauge(Metric metric, Map<String, String> tags, DoubleSupplier value);

    /**
     * The engine was closed (the application stops): remove the gauges it registered, whose
     * suppliers hold the engine (and its application's class loader) for as long as the server's
     * registry holds them. Nothing by default.
     */
    default void engineClosed() {
    }
}
