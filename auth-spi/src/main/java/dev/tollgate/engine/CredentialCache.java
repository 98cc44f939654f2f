package dev.tollgate.engine;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The credentials of every client and tenant of one application. Reading a usable credential
 * takes no lock. An expired one is obtained again on the next use.
 */
public final class CredentialCache {

    private final Map<CredentialKey, CachedCredential> entries = new ConcurrentHashMap<>();
    private final Clock clock;
    private final AtomicLong obtained = new AtomicLong();

    public CredentialCache(Clock clock) {
        this.clock = clock;
    }

    /** The cached credential for {@code key}, or a new one from {@code loader} when none is usable. */
    CachedCredential get(CredentialKey key, Supplier<CachedCredential> loader) {
        CachedCredential current = entries.get(key);
        if (current != null && !current.isExpiredAt(clock.instant())) {
            return current;
        }
        CachedCredential fresh = loader.get();
        obtained.incrementAndGet();
        entries.put(key, fresh);
        return fresh;
    }

    /**
     * Drops the credential for {@code key} only if it is still {@code used}: a credential that
     * another call has already replaced stays.
     */
    boolean invalidate(CredentialKey key, CachedCredential used) {
        return entries.remove(key, used);
    }

    /** How many credentials have been obtained (configuration reads and token requests) so far. */
    public long obtainedCount() {
        return obtained.get();
    }

    public int size() {
        return entries.size();
    }

    /** A view for operators: masked values only. */
    public List<String> describe() {
        return entries.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(Comparator.comparing(CredentialKey::client)
                        .thenComparing(CredentialKey::tenant).thenComparing(CredentialKey::kind)))
                .map(e -> e.getKey().client() + "/" + (e.getKey().tenant().isEmpty() ? "-" : e.getKey().tenant())
                        + "/" + e.getKey().kind() + " " + e.getValue().credential())
                .toList();
    }

    Clock clock() {
        return clock;
    }
}
