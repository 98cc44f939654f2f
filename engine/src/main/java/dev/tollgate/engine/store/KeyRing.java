package dev.tollgate.engine.store;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The store's current key, which encrypts every value written, and the previous keys still
 * accepted for reading values written before a rotation.
 */
final class KeyRing {

    private final StoreKey current;
    private final Map<String, StoreKey> byId = new LinkedHashMap<>();

    KeyRing(StoreKey current, List<StoreKey> previous) {
        this.current = current;
        byId.put(current.id(), current);
        for (StoreKey key : previous) {
            byId.putIfAbsent(key.id(), key);
        }
    }

    StoreKey current() {
        return current;
    }

    /** Every key this server knows, the current one first. */
    List<StoreKey> all() {
        return List.copyOf(byId.values());
    }

    Optional<StoreKey> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public String toString() {
        return "KeyRing[current " + current.id() + ", known " + byId.keySet() + "]";
    }
}
