package dev.tollgate.engine;

import dev.tollgate.engine.observe.CredentialId;
import dev.tollgate.engine.observe.Measurement;
import dev.tollgate.engine.observe.Metric;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleSupplier;
import java.util.function.ToDoubleFunction;

/**
 * The engine's own counts: one {@link LongAdder} per counter series, and the gauge series the
 * cache has had, each handed to every sink as it happens (a counter's increment; a gauge once,
 * when its series first exists). Tags are {@code client} and {@code credential} (the source's
 * name, never a cache key), {@code tenant} only when counting per tenant.
 */
final class EngineCounters {

    /** One series: a metric and its tags, sorted by name. */
    record Series(Metric metric, SortedMap<String, String> tags) {
    }

    private final boolean perTenant;
    private final List<GuardedSink> sinks;
    private final Map<Series, LongAdder> counters = new ConcurrentHashMap<>();
    private final Set<Series> gauges = ConcurrentHashMap.newKeySet();

    EngineCounters(boolean perTenant, List<GuardedSink> sinks) {
        this.perTenant = perTenant;
        this.sinks = List.copyOf(sinks);
    }

    boolean perTenant() {
        return perTenant;
    }

    /** The tags of {@code id}'s series, plus {@code extra} (name, value pairs). */
    SortedMap<String, String> tags(CredentialId id, String... extra) {
        TreeMap<String, String> tags = new TreeMap<>();
        tags.put("client", id.client());
        tags.put("credential", id.credential());
        if (perTenant) {
            tags.put("tenant", id.tenant());
        }
        for (int i = 0; i + 1 < extra.length; i += 2) {
            tags.put(extra[i], extra[i + 1]);
        }
        return Collections.unmodifiableSortedMap(tags);
    }

    void increment(Metric metric, SortedMap<String, String> tags) {
        counters.computeIfAbsent(new Series(metric, tags), s -> new LongAdder()).increment();
        for (GuardedSink sink : sinks) {
            sink.increment(metric, tags);
        }
    }

    /** Registers a gauge series the first time it exists; {@code value} is read at each scrape. */
    void gauge(Metric metric, SortedMap<String, String> tags, DoubleSupplier value) {
        if (gauges.add(new Series(metric, tags))) {
            for (GuardedSink sink : sinks) {
                sink.gauge(metric, tags, value);
            }
        }
    }

    /** Tells each sink the engine is closed: its gauges are to go. */
    void engineClosed() {
        for (GuardedSink sink : sinks) {
            sink.engineClosed();
        }
    }

    /** Every series so far: counters as counted, gauges as {@code gaugeValue} reads them now; sorted. */
    List<Measurement> measurements(ToDoubleFunction<Series> gaugeValue) {
        List<Measurement> all = new ArrayList<>();
        counters.forEach((series, count) -> all.add(new Measurement(series.metric(), series.tags(), count.sum())));
        for (Series series : gauges) {
            all.add(new Measurement(series.metric(), series.tags(), gaugeValue.applyAsDouble(series)));
        }
        all.sort(Comparator.comparing((Measurement m) -> m.metric().ordinal())
                .thenComparing(m -> new TreeMap<>(m.tags()).toString()));
        return all;
    }
}
