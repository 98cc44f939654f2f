package dev.tollgate.engine;

import dev.tollgate.engine.observe.Metric;
import dev.tollgate.engine.observe.MetricsSink;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.DoubleSupplier;
import java.util.logging.Logger;

/**
 * A {@link MetricsSink} as the engine calls it: whatever the sink throws (a metrics API missing or
 * broken in this server) stays here, so a call never fails for a metric; it is logged at FINE
 * once per sink, as a broken sink would otherwise log on every call.
 */
final class GuardedSink {

    private static final Logger LOG = Logger.getLogger(GuardedSink.class.getName());

    private final MetricsSink sink;
    private final AtomicBoolean reported = new AtomicBoolean();

    GuardedSink(MetricsSink sink) {
        this.sink = sink;
    }

    void increment(Metric metric, Map<String, String> tags) {
        try {
            sink.increment(metric, tags);
        } catch (RuntimeException | LinkageError e) {
            report(e);
        }
    }

    void gauge(Metric metric, Map<String, String> tags, DoubleSupplier value) {
        try {
            sink.gauge(metric, tags, value);
        } catch (RuntimeException | LinkageError e) {
            report(e);
        }
    }

    void engineClosed() {
        try {
            sink.engineClosed();
        } catch (RuntimeException | LinkageError e) {
            report(e);
        }
    }

    private void report(Throwable e) {
        if (reported.compareAndSet(false, true)) {
            // its message is not quoted: a sink's exception may say anything
            LOG.fine(() -> "the metrics sink " + sink.getClass().getName() + " failed (" + e.getClass().getName()
                    + "); its metrics may be incomplete. Later failures of this sink are not logged.");
        }
    }
}
