package dev.tollgate.cluster.hazelcast;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.map.IMap;
import dev.tollgate.engine.cluster.SharedMap;
import java.time.Duration;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

/**
 * Tollgate's shared map as one Hazelcast {@link IMap} of strings. Each entry carries its own
 * time-to-live, which Hazelcast enforces on every member, also when the member that wrote it is
 * gone (the owner's backup on another member takes over with the same expiry).
 */
final class HazelcastSharedMap implements SharedMap {

    /*
     * Hazelcast reads a time-to-live of 0 as "for ever" and a negative one as "the map's default",
     * so the lifespan must be at least a millisecond; and it keeps expiry times as milliseconds
     * since the epoch, so a lifespan is capped well below what would overflow (a credential
     * without expiry is then fetched again after ten years, which is harmless for a cache).
     */
    private static final Duration LONGEST = Duration.ofDays(3650);

    private final HazelcastInstance instance;
    // values typed Object: a map shared with something else may hold other types, which are not
    // Tollgate's (read as absent) and must not fail the reader with a ClassCastException
    private final IMap<String, Object> map;
    // guarded by this: a listener added while another thread closes is either refused or removed
    private final Set<UUID> listeners = new HashSet<>();
    private boolean closed;

    HazelcastSharedMap(HazelcastInstance instance, String mapName) {
        this.instance = instance;
        this.map = instance.getMap(mapName);
    }

    @Override
    public String get(String key) {
        return map.get(Objects.requireNonNull(key, "key")) instanceof String value ? value : null;
    }

    @Override
    public void put(String key, String value, Duration lifespan) {
        // set, not put: the replaced value is not needed, so it does not travel back
        map.set(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"), millis(lifespan),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public boolean putIfAbsent(String key, String value, Duration lifespan) {
        return map.putIfAbsent(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"),
                millis(lifespan), TimeUnit.MILLISECONDS) == null;
    }

    @Override
    public boolean remove(String key, String expected) {
        return map.remove(Objects.requireNonNull(key, "key"), Objects.requireNonNull(expected, "expected"));
    }

    @Override
    public synchronized void listen(BiConsumer<String, String> listener) {
        if (closed) {
            throw new IllegalStateException("this shared map is closed");
        }
        listeners.add(map.addEntryListener(new EntryEvents(listener), true));
    }

    @Override
    public String describe() {
        String members;
        try {
            members = instance.getCluster().getMembers().stream()
                    .map(Member::getAddress).map(String::valueOf).collect(Collectors.joining(", "));
        } catch (RuntimeException notRunning) {
            members = "unknown: " + notRunning.getClass().getSimpleName();
        }
        return "Hazelcast map '" + map.getName() + "' of cluster '" + instance.getConfig().getClusterName()
                + "' (members " + members + ")";
    }

    @Override
    public synchronized void close() {
        closed = true;
        for (UUID id : listeners) {
            try {
                map.removeEntryListener(id);
            } catch (HazelcastInstanceNotActiveException serverShuttingDown) {
                // its listeners go with it
            }
        }
        listeners.clear();
    }

    static long millis(Duration lifespan) {
        Objects.requireNonNull(lifespan, "lifespan");
        if (lifespan.isNegative() || lifespan.isZero()) {
            throw new IllegalArgumentException("a shared entry's lifespan must be positive, not " + lifespan);
        }
        Duration capped = lifespan.compareTo(LONGEST) > 0 ? LONGEST : lifespan;
        // rounded up, so that a lifespan under a millisecond is not taken for "for ever"
        return capped.plusNanos(999_999).toMillis();
    }
}
