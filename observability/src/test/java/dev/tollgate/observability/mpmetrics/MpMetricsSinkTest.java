package dev.tollgate.observability.mpmetrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tollgate.engine.observe.Metric;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.junit.jupiter.api.Test;

/** The engine's pushes into a MicroProfile Metrics registry that records what it holds. */
class MpMetricsSinkTest {

    /** The names and tags of the metrics the registry holds, as {@code counter}, {@code gauge} and {@code remove} leave them. */
    private final Set<MetricID> held = ConcurrentHashMap.newKeySet();
    private final MpMetricsSink sink = new MpMetricsSink(registry(held));

    @Test
    void closingRemovesWhatItRegistered() {
        sink.increment(Metric.TOKEN_REQUESTS, Map.of("client", "payments", "credential", "access-token", "outcome", "failed"));
        sink.gauge(Metric.SECONDS_LEFT, Map.of("client", "payments", "credential", "access-token"), () -> 60.0);
        assertEquals(2, held.size());

        sink.close();

        assertEquals(Set.of(), held);
    }

    /** A renewal finishing while the application stops: nothing comes back into the registry, which outlives it. */
    @Test
    void afterClosingNothingIsRegisteredAgain() {
        sink.close();

        sink.increment(Metric.TOKEN_REQUESTS, Map.of("client", "payments", "credential", "access-token", "outcome", "succeeded"));
        sink.gauge(Metric.SECONDS_LEFT, Map.of("client", "payments", "credential", "access-token"), () -> 60.0);

        assertEquals(Set.of(), held);
    }

    private static MetricRegistry registry(Set<MetricID> held) {
        Counter counter = (Counter) Proxy.newProxyInstance(Counter.class.getClassLoader(), new Class<?>[] {Counter.class},
                (proxy, method, args) -> method.getReturnType() == long.class ? 0L : null);
        return (MetricRegistry) Proxy.newProxyInstance(MetricRegistry.class.getClassLoader(), new Class<?>[] {MetricRegistry.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "counter" -> {
                        held.add(new MetricID(((Metadata) args[0]).getName(), (Tag[]) args[args.length - 1]));
                        yield counter;
                    }
                    case "gauge" -> {
                        held.add(new MetricID(((Metadata) args[0]).getName(), (Tag[]) args[args.length - 1]));
                        yield null;
                    }
                    case "remove" -> held.remove((MetricID) args[0]);
                    default -> throw new UnsupportedOperationException(method.toString());
                });
    }
}
