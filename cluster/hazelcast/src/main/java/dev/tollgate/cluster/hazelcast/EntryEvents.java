package dev.tollgate.cluster.hazelcast;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryEvictedListener;
import com.hazelcast.map.listener.EntryExpiredListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import java.util.function.BiConsumer;

/**
 * Hazelcast's entry events, from every member, as the shared map's listener wants them: the key
 * and its new value, or null when the entry is gone (removed, expired or evicted). An entry of
 * another type (a map an administrator shares with something else) is not Tollgate's: not told.
 */
final class EntryEvents implements EntryAddedListener<Object, Object>, EntryUpdatedListener<Object, Object>,
        EntryRemovedListener<Object, Object>, EntryExpiredListener<Object, Object>,
        EntryEvictedListener<Object, Object> {

    private final BiConsumer<String, String> listener;

    EntryEvents(BiConsumer<String, String> listener) {
        this.listener = listener;
    }

    @Override
    public void entryAdded(EntryEvent<Object, Object> event) {
        written(event);
    }

    @Override
    public void entryUpdated(EntryEvent<Object, Object> event) {
        written(event);
    }

    @Override
    public void entryRemoved(EntryEvent<Object, Object> event) {
        gone(event);
    }

    @Override
    public void entryExpired(EntryEvent<Object, Object> event) {
        gone(event);
    }

    @Override
    public void entryEvicted(EntryEvent<Object, Object> event) {
        gone(event);
    }

    private void written(EntryEvent<Object, Object> event) {
        if (event.getKey() instanceof String key && event.getValue() instanceof String value) {
            listener.accept(key, value);
        }
    }

    private void gone(EntryEvent<Object, Object> event) {
        // the old value says whose the entry was; without it (not sent), a String key is enough
        Object old = event.getOldValue();
        if (event.getKey() instanceof String key && (old == null || old instanceof String)) {
            listener.accept(key, null);
        }
    }
}
