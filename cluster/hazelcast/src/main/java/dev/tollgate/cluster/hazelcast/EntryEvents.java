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
 * and its new value, or null when the entry is gone (removed, expired or evicted).
 */
final class EntryEvents implements EntryAddedListener<String, String>, EntryUpdatedListener<String, String>,
        EntryRemovedListener<String, String>, EntryExpiredListener<String, String>,
        EntryEvictedListener<String, String> {

    private final BiConsumer<String, String> listener;

    EntryEvents(BiConsumer<String, String> listener) {
        this.listener = listener;
    }

    @Override
    public void entryAdded(EntryEvent<String, String> event) {
        listener.accept(event.getKey(), event.getValue());
    }

    @Override
    public void entryUpdated(EntryEvent<String, String> event) {
        listener.accept(event.getKey(), event.getValue());
    }

    @Override
    public void entryRemoved(EntryEvent<String, String> event) {
        listener.accept(event.getKey(), null);
    }

    @Override
    public void entryExpired(EntryEvent<String, String> event) {
        listener.accept(event.getKey(), null);
    }

    @Override
    public void entryEvicted(EntryEvent<String, String> event) {
        listener.accept(event.getKey(), null);
    }
}
