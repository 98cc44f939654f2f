package dev.tollgate.cluster.infinispan;

import dev.tollgate.engine.cluster.SharedMap;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.infinispan.Cache;
import org.infinispan.remoting.transport.Address;

/**
 * {@link SharedMap} over an Infinispan cache of Strings (in WildFly, a replicated cache of the
 * {@code tollgate} container). Lifespans are Infinispan's own: an entry expires on every node at
 * the same instant whichever node wrote it, and also when that node has died.
 */
final class InfinispanSharedMap implements SharedMap {

    private final Cache<String, String> cache;
    private final List<EntryEvents> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    InfinispanSharedMap(Cache<String, String> cache) {
        this.cache = Objects.requireNonNull(cache, "cache");
    }

    @Override
    public String get(String key) {
        // an administrator's cache shared with something else may hold another type under a key:
        // not Tollgate's value (a ClassCastException here would read as an outage)
        Object value = ((Cache<?, ?>) cache).get(key);
        return value instanceof String s ? s : null;
    }

    @Override
    public void put(String key, String value, Duration lifespan) {
        cache.put(key, Objects.requireNonNull(value, "value"), millis(lifespan), TimeUnit.MILLISECONDS);
    }

    @Override
    public boolean putIfAbsent(String key, String value, Duration lifespan) {
        return cache.putIfAbsent(key, Objects.requireNonNull(value, "value"), millis(lifespan), TimeUnit.MILLISECONDS) == null;
    }

    @Override
    public boolean remove(String key, String expected) {
        return cache.remove(key, Objects.requireNonNull(expected, "expected"));
    }

    @Override
    public void listen(BiConsumer<String, String> listener) {
        EntryEvents events = new EntryEvents(listener);
        cache.addListener(events);
        listeners.add(events);
    }

    @Override
    public String describe() {
        List<Address> members = cache.getCacheManager().getMembers();
        return "infinispan cache " + cache.getName() + " of container "
                + cache.getCacheManager().getCacheManagerConfiguration().cacheManagerName()
                + (members == null ? " (local, no cluster)" : " (members " + members + ")");
    }

    @Override
    public void close() {
        for (EntryEvents events : listeners) {
            cache.removeListener(events);
        }
        listeners.clear();
    }

    /**
     * The longest lifespan handed to Infinispan: it adds the lifespan to the write's time, so one
     * near Long.MAX_VALUE ms overflows into the past and the entry is expired at once. A century
     * is beyond any credential; an entry that ends sooner than asked is only fetched again.
     */
    static final Duration LONGEST = Duration.ofDays(36_500);

    /** Infinispan counts lifespans in whole units, and 0 or less would mean "for ever": refused. */
    private static long millis(Duration lifespan) {
        if (lifespan == null || lifespan.isNegative() || lifespan.isZero()) {
            throw new IllegalArgumentException("a shared entry's lifespan must be positive, not " + lifespan);
        }
        if (lifespan.compareTo(LONGEST) > 0) {
            return LONGEST.toMillis();
        }
        // rounded up, so that a sub-millisecond lifespan is not 0 (for ever)
        return lifespan.plusNanos(999_999).toMillis();
    }
}
