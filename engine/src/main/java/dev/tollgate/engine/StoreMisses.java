package dev.tollgate.engine;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tenant names one client's tenant store was found not to hold, remembered for a short time, so
 * that calls repeating a name nobody saved (a typo, a caller inventing names) do not cost a read
 * of the database each. Bounded: past the bound everything is forgotten, which costs reads, never
 * memory. A name is forgotten at once when this engine saves it.
 */
final class StoreMisses {

    private final Map<String, Long> until = new ConcurrentHashMap<>();
    private final long forMillis;
    private final int max;

    /** @param forMillis how long a miss is believed; 0 remembers nothing */
    StoreMisses(long forMillis, int max) {
        this.forMillis = forMillis;
        this.max = max;
    }

    /** True when {@code tenant} was found missing less than the remembered time before {@code now}. */
    boolean isMissing(String tenant, long now) {
        Long expiry = until.get(tenant);
        if (expiry == null) {
            return false;
        }
        if (now < expiry) {
            return true;
        }
        until.remove(tenant, expiry);
        return false;
    }

    void remember(String tenant, long now) {
        if (forMillis <= 0) {
            return;
        }
        if (until.size() >= max) {
            until.clear(); // many invented names: each is read again, the memory stays bounded
        }
        until.put(tenant, now + forMillis);
    }

    void forget(String tenant) {
        until.remove(tenant);
    }

    int size() {
        return until.size();
    }
}
