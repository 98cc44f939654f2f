package dev.tollgate.engine.cluster;

import java.time.Duration;
import java.util.function.BiConsumer;

/**
 * A map every node of a cluster sees, kept by the server's own engine (Infinispan in WildFly,
 * Hazelcast in Payara): what Tollgate's cluster tier ({@code tollgate.cache=cluster}) needs from
 * it, and nothing more. Keys and values are plain strings, so that no class of the application
 * has to be known to the server's marshaller; values Tollgate writes are already encrypted.
 *
 * <p>Every operation is bounded by the engine's own timeouts and may throw a
 * {@link RuntimeException} when the cluster cannot answer (a member leaving, a partition): the
 * tier then falls back to this node's own fetch, so an implementation must not retry forever.
 */
public interface SharedMap extends AutoCloseable {

    /** The value under {@code key}, or null when there is none or its lifespan is over. */
    String get(String key);

    /** Writes {@code value}, replacing what is there; it disappears from every node after {@code lifespan}. */
    void put(String key, String value, Duration lifespan);

    /**
     * Writes {@code value} only when {@code key} holds nothing: true when this call wrote it. Of
     * calls racing on any nodes, one wins; the entry disappears after {@code lifespan} even when
     * the node that wrote it dies.
     */
    boolean putIfAbsent(String key, String value, Duration lifespan);

    /** Removes {@code key} only while it holds {@code expected}: true when this call removed it. */
    boolean remove(String key, String expected);

    /**
     * Tells {@code listener}, until {@link #close()}, of every key written, replaced, removed or
     * expired by any node, this one included: the key and its new value (null when it was removed
     * or expired). Called on the engine's notification threads: the listener is quick and never blocks.
     */
    void listen(BiConsumer<String, String> listener);

    /** What operators read in logs and health: the engine, the map's name, the members when known. */
    String describe();

    /** Stops listening. The map itself belongs to the server and stays. */
    @Override
    void close();
}
