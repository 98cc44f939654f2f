package dev.tollgate.engine.testing;

import dev.tollgate.engine.cluster.SharedMap;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/**
 * A replicated map as a cluster's nodes see it, in one JVM: what Infinispan's replicated cache
 * and Hazelcast's IMap offer the cluster tier (lifespans on the given clock, one winner of
 * {@code putIfAbsent}, compare-and-remove, every node told of every change, its own included).
 * A node can die ({@link Node#kill()}): from then on it neither writes nor removes, as a killed
 * server's entries stay until their lifespan ends. A node can also lose the cluster
 * ({@link Node#disconnect()}): every operation throws, as a member cut off does.
 */
public final class MemoryCluster {

    private record Entry(String value, Instant until) {
    }

    private final Clock clock;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final List<Node> nodes = new CopyOnWriteArrayList<>();

    public MemoryCluster(Clock clock) {
        this.clock = clock;
    }

    /** A new node's view of the map. */
    public Node node(String name) {
        Node node = new Node(name);
        nodes.add(node);
        return node;
    }

    /** Every live value, as a backup of the cache (or a heap dump of a node) would show it. */
    public Map<String, String> contents() {
        Map<String, String> live = new java.util.TreeMap<>();
        Instant now = clock.instant();
        entries.forEach((k, e) -> {
            if (now.isBefore(e.until())) {
                live.put(k, e.value());
            }
        });
        return live;
    }

    /** Moves a value to another key, as someone with access to the cache could; false when there is none. */
    public boolean copy(String from, String to) {
        Entry e = entries.get(from);
        if (e == null) {
            return false;
        }
        entries.put(to, e);
        tell(to, e.value());
        return true;
    }

    private Entry live(String key) {
        Entry e = entries.get(key);
        if (e != null && !clock.instant().isBefore(e.until())) {
            entries.remove(key, e);
            tell(key, null);
            return null;
        }
        return e;
    }

    private void tell(String key, String value) {
        for (Node node : nodes) {
            if (!node.dead && !node.closed) {
                node.listeners.forEach(l -> l.accept(key, value));
            }
        }
    }

    /** One node's view. */
    public final class Node implements SharedMap {
        private final String name;
        private final List<BiConsumer<String, String>> listeners = new CopyOnWriteArrayList<>();
        private volatile boolean dead;
        private volatile boolean disconnected;
        private volatile boolean closed;

        private Node(String name) {
            this.name = name;
        }

        /** The node dies: nothing it would still write or remove reaches the cluster, and it hears nothing. */
        public void kill() {
            dead = true;
        }

        /** The node loses the cluster: every call throws until {@link #reconnect()}. */
        public void disconnect() {
            disconnected = true;
        }

        public void reconnect() {
            disconnected = false;
        }

        private void reachable() {
            if (disconnected) {
                throw new IllegalStateException("member " + name + " is cut off from the cluster");
            }
        }

        @Override
        public String get(String key) {
            reachable();
            Entry e = live(key);
            return e == null ? null : e.value();
        }

        @Override
        public void put(String key, String value, Duration lifespan) {
            reachable();
            if (dead) {
                return;
            }
            entries.put(key, new Entry(value, clock.instant().plus(lifespan)));
            tell(key, value);
        }

        @Override
        public boolean putIfAbsent(String key, String value, Duration lifespan) {
            reachable();
            if (dead) {
                return false;
            }
            synchronized (entries) {
                if (live(key) != null) {
                    return false;
                }
                entries.put(key, new Entry(value, clock.instant().plus(lifespan)));
            }
            tell(key, value);
            return true;
        }

        @Override
        public boolean remove(String key, String expected) {
            reachable();
            if (dead) {
                return false;
            }
            boolean removed;
            synchronized (entries) {
                Entry e = live(key);
                removed = e != null && e.value().equals(expected) && entries.remove(key, e);
            }
            if (removed) {
                tell(key, null);
            }
            return removed;
        }

        @Override
        public void listen(BiConsumer<String, String> listener) {
            listeners.add(listener);
        }

        @Override
        public String describe() {
            return "an in-memory cluster map (node " + name + ")";
        }

        @Override
        public void close() {
            closed = true;
            listeners.clear();
        }
    }
}
