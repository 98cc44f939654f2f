package dev.tollgate.cluster.infinispan;

import java.util.function.BiConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.infinispan.notifications.Listener;
import org.infinispan.notifications.cachelistener.annotation.CacheEntryCreated;
import org.infinispan.notifications.cachelistener.annotation.CacheEntryExpired;
import org.infinispan.notifications.cachelistener.annotation.CacheEntryModified;
import org.infinispan.notifications.cachelistener.annotation.CacheEntryRemoved;
import org.infinispan.notifications.cachelistener.event.CacheEntryCreatedEvent;
import org.infinispan.notifications.cachelistener.event.CacheEntryExpiredEvent;
import org.infinispan.notifications.cachelistener.event.CacheEntryModifiedEvent;
import org.infinispan.notifications.cachelistener.event.CacheEntryRemovedEvent;

/**
 * Hands a cache's post-events to the engine's listener as (key, new value or null). Registered
 * on each node's own copy of the cache: in a replicated cache every node applies every write, so
 * each node's listener hears the writes of all of them, its own included.
 */
@Listener(observation = Listener.Observation.POST)
public final class EntryEvents {

    private static final Logger LOG = Logger.getLogger(EntryEvents.class.getName());

    private final BiConsumer<String, String> listener;

    EntryEvents(BiConsumer<String, String> listener) {
        this.listener = listener;
    }

    // Objects, not Strings: a cache an administrator shares with something else may hold other
    // types, and a cast failing here would fail that writer's operation

    @CacheEntryCreated
    public void created(CacheEntryCreatedEvent<Object, Object> event) {
        deliver(event.isPre(), event.getKey(), event.getValue());
    }

    @CacheEntryModified
    public void modified(CacheEntryModifiedEvent<Object, Object> event) {
        deliver(event.isPre(), event.getKey(), event.getNewValue());
    }

    @CacheEntryRemoved
    public void removed(CacheEntryRemovedEvent<Object, Object> event) {
        deliver(event.isPre(), event.getKey(), null);
    }

    @CacheEntryExpired
    public void expired(CacheEntryExpiredEvent<Object, Object> event) {
        deliver(event.isPre(), event.getKey(), null);
    }

    /** Tollgate's entries only: String keys, String values (or none, for a removal). */
    private void deliver(boolean pre, Object key, Object value) {
        if (pre || !(key instanceof String k) || (value != null && !(value instanceof String))) {
            return;
        }
        try {
            listener.accept(k, (String) value);
        } catch (RuntimeException e) {
            // a listener runs inside the writer's operation: its failure must not fail the write
            // (nor name the value, which may be a credential, encrypted or not)
            LOG.log(Level.WARNING, "Tollgate's listener on the shared cache failed for an entry: {0}",
                    e.getClass().getName());
        }
    }
}
