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

    @CacheEntryCreated
    public void created(CacheEntryCreatedEvent<String, String> event) {
        deliver(event.isPre(), event.getKey(), event.getValue());
    }

    @CacheEntryModified
    public void modified(CacheEntryModifiedEvent<String, String> event) {
        deliver(event.isPre(), event.getKey(), event.getNewValue());
    }

    @CacheEntryRemoved
    public void removed(CacheEntryRemovedEvent<String, String> event) {
        deliver(event.isPre(), event.getKey(), null);
    }

    @CacheEntryExpired
    public void expired(CacheEntryExpiredEvent<String, String> event) {
        deliver(event.isPre(), event.getKey(), null);
    }

    private void deliver(boolean pre, String key, String value) {
        if (pre) {
            return;
        }
        try {
            listener.accept(key, value);
        } catch (RuntimeException e) {
            // a listener runs inside the writer's operation: its failure must not fail the write
            // (nor name the value, which may be a credential, encrypted or not)
            LOG.log(Level.WARNING, "Tollgate's listener on the shared cache failed for an entry: {0}",
                    e.getClass().getName());
        }
    }
}
