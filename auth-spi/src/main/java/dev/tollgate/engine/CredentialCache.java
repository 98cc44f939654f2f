package dev.tollgate.engine;

import dev.tollgate.api.ClientRef;
import dev.tollgate.api.TokenAcquisitionException;
import dev.tollgate.api.TollgateException;
import dev.tollgate.spi.Credential;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;

/**
 * The credentials of every client and tenant of one application, and the single flight that
 * renews them. Per key the state is one immutable {@link State}, changed only by compare-and-set:
 * <ul>
 *   <li>fresh: returned at once, no lock, no write;</li>
 *   <li>stale (inside the refresh window, not expired): returned at once, and exactly one
 *       background refresh is started;</li>
 *   <li>expired or absent: the first caller fetches, every other caller waits for that fetch;</li>
 *   <li>after a failed fetch, callers without a valid credential get the same failure until the
 *       cooldown ends, so a failing endpoint is not hammered; a still-valid credential keeps
 *       being served.</li>
 * </ul>
 * At most {@code maxEntries} keys are kept: expired ones go first, then the least recently used.
 */
public final class CredentialCache {

    private static final Logger LOG = Logger.getLogger(CredentialCache.class.getName());

    /** What the cache needs from whoever knows how to fetch one key's credential. */
    interface Fetch {
        /** Obtains a new credential; {@code previous} (maybe null) may hold a refresh token. */
        CachedCredential fetch(CachedCredential previous);

        /** Until when, after {@code failure}, callers are refused without calling the endpoint. */
        Instant cooldownUntil(TollgateException failure, Instant now);

        ClientRef ref();
    }

    /** One key's state: what is cached, the fetch in flight, the last failure and its cooldown. */
    private record State(CachedCredential current, CompletableFuture<CachedCredential> inFlight,
                         TollgateException failure, Instant coolingUntil) {

        static final State EMPTY = new State(null, null, null, null);
        /** An evicted slot: whoever still holds it starts over with the slot now in the map. */
        static final State RETIRED = new State(null, null, null, null);

        boolean isCoolingAt(Instant now) {
            return coolingUntil != null && now.isBefore(coolingUntil);
        }

        State fetching(CompletableFuture<CachedCredential> flight) {
            return new State(current, flight, failure, coolingUntil);
        }
    }

    private static final class Slot {
        final AtomicReference<State> state = new AtomicReference<>(State.EMPTY);
        /** Epoch millis of the last use, written at most once a second so reads stay write-free. */
        volatile long lastUsed;
        /** Successful fetches for this key; written only by the single flight, so a plain increment. */
        volatile long fetches;

        Slot(long now) {
            lastUsed = now;
        }

        void touch(Instant now) {
            long millis = now.toEpochMilli();
            if (millis - lastUsed >= 1000) {
                lastUsed = millis;
            }
        }
    }

    private final Map<CredentialKey, Slot> slots = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Executor refresher;
    private final int maxEntries;
    private final AtomicLong fetches = new AtomicLong();
    private final Object evictionLock = new Object();

    /** The keys this thread is fetching right now, to refuse a dependency cycle instead of hanging. */
    private static final ThreadLocal<Set<CredentialKey>> FETCHING = ThreadLocal.withInitial(HashSet::new);

    CredentialCache(Clock clock, Executor refresher, int maxEntries) {
        this.clock = clock;
        this.refresher = refresher;
        this.maxEntries = maxEntries;
    }

    /**
     * The credential for {@code key} when it can be served as it is, or null when the caller must
     * go through {@link #get}: the hot path, with nothing to allocate. A fresh credential can; so
     * can a stale one whose refresh is already running (or cooling down after a failure).
     */
    CachedCredential servable(CredentialKey key) {
        Slot slot = slots.get(key);
        if (slot == null) {
            return null;
        }
        State state = slot.state.get();
        CachedCredential current = state.current();
        if (current == null) {
            return null;
        }
        Instant now = clock.instant();
        if (current.isFreshAt(now)
                || ((state.inFlight() != null || state.isCoolingAt(now)) && !current.isExpiredAt(now))) {
            slot.touch(now);
            return current;
        }
        return null;
    }

    /** The credential for {@code key}: cached, or fetched by {@code fetch} under single flight. */
    CachedCredential get(CredentialKey key, Fetch fetch) {
        Slot slot = slot(key);
        while (true) {
            State state = slot.state.get();
            if (state == State.RETIRED) {
                slot = slot(key);
                continue;
            }
            Instant now = clock.instant();
            CachedCredential current = state.current();
            if (current != null && current.isFreshAt(now)) {
                slot.touch(now);
                return current;
            }
            if (current != null && !current.isExpiredAt(now)) {
                if (state.inFlight() == null && !state.isCoolingAt(now)) {
                    CompletableFuture<CachedCredential> flight = new CompletableFuture<>();
                    if (!slot.state.compareAndSet(state, state.fetching(flight))) {
                        continue;
                    }
                    refreshInBackground(key, slot, flight, current, fetch);
                }
                slot.touch(now);
                return current;
            }
            if (state.inFlight() != null) {
                if (FETCHING.get().contains(key)) {
                    // this thread is fetching this very key further up its stack: waiting would never end
                    throw new TokenAcquisitionException(fetch.ref(), "the " + key.kind()
                            + " depends on itself through its provider's credential dependencies", null);
                }
                return await(state.inFlight(), fetch.ref());
            }
            if (state.isCoolingAt(now)) {
                throw state.failure();
            }
            CompletableFuture<CachedCredential> flight = new CompletableFuture<>();
            if (slot.state.compareAndSet(state, state.fetching(flight))) {
                run(key, slot, flight, current, fetch);
                return await(flight, fetch.ref());
            }
        }
    }

    /**
     * Drops the credential for {@code key} only if it is still {@code used}: one that another call
     * has already replaced stays.
     */
    boolean invalidate(CredentialKey key, CachedCredential used) {
        Slot slot = slots.get(key);
        if (slot == null) {
            return false;
        }
        State before = slot.state.getAndUpdate(s -> s.current() == used
                ? new State(null, s.inFlight(), s.failure(), s.coolingUntil()) : s);
        return before.current() == used;
    }

    /**
     * Drops the credential for {@code key} only if it still holds {@code used}: a dependency that a
     * token request carried and the vendor refused ({@link Dependencies#invalidate}).
     */
    boolean invalidate(CredentialKey key, Credential used) {
        Slot slot = slots.get(key);
        CachedCredential current = slot == null ? null : slot.state.get().current();
        return current != null && current.credential() == used && invalidate(key, current);
    }

    /** Revokes, at their vendors, the cached credentials that ask for it; for shutdown. */
    void revokeAll() {
        for (Map.Entry<CredentialKey, Slot> e : slots.entrySet()) {
            CachedCredential current = e.getValue().state.get().current();
            if (current != null && current.revocation() != null && !current.isExpiredAt(clock.instant())) {
                try {
                    invalidate(e.getKey(), current); // not served any more, revoked or not
                    current.revocation().run();
                    LOG.fine(() -> e.getKey().client() + "/" + e.getKey().kind() + ": revoked at shutdown");
                } catch (RuntimeException failure) {
                    LOG.fine(() -> e.getKey().client() + "/" + e.getKey().kind() + ": revoking at shutdown failed ("
                            + failure.getClass().getSimpleName() + ")");
                }
            }
        }
    }

    /** How many credentials have been fetched (configuration reads and token grants) so far. */
    public long fetchCount() {
        return fetches.get();
    }

    /** Keys held now. */
    public int size() {
        return slots.size();
    }

    public int maxEntries() {
        return maxEntries;
    }

    /** A view for operators, sorted by client, tenant and kind: masked values only. */
    public List<CacheEntry> entries() {
        List<CacheEntry> entries = new ArrayList<>();
        for (Map.Entry<CredentialKey, Slot> e : slots.entrySet()) {
            CachedCredential current = e.getValue().state.get().current();
            if (current != null) {
                CredentialKey key = e.getKey();
                entries.add(new CacheEntry(key.client(), key.tenant(), key.kind(), current.credential().value().masked(),
                        current.obtainedAt(), current.staleAt(), current.credential().expiresAt().orElse(null),
                        e.getValue().fetches));
            }
        }
        entries.sort(Comparator.comparing(CacheEntry::client).thenComparing(CacheEntry::tenant).thenComparing(CacheEntry::kind));
        return entries;
    }

    /** {@link #entries()} as one line each, for logs and tests. */
    public List<String> describe() {
        return entries().stream()
                .map(e -> e.client() + "/" + (e.tenant().isEmpty() ? "-" : e.tenant()) + "/" + e.kind() + " " + e.maskedValue()
                        + ", expires " + (e.expiresAt() == null ? "never" : e.expiresAt()))
                .toList();
    }

    Clock clock() {
        return clock;
    }

    private void refreshInBackground(CredentialKey key, Slot slot, CompletableFuture<CachedCredential> flight,
                                     CachedCredential current, Fetch fetch) {
        try {
            refresher.execute(() -> run(key, slot, flight, current, fetch));
        } catch (RejectedExecutionException e) {
            // no thread to refresh with (shutting down): let the next caller try again
            slot.state.updateAndGet(s -> s.inFlight() == flight ? new State(s.current(), null, s.failure(), s.coolingUntil()) : s);
            flight.complete(current);
        }
    }

    private void run(CredentialKey key, Slot slot, CompletableFuture<CachedCredential> flight, CachedCredential previous,
                     Fetch fetch) {
        Set<CredentialKey> fetching = FETCHING.get();
        fetching.add(key);
        try {
            CachedCredential fresh = fetch.fetch(previous);
            fetches.incrementAndGet();
            slot.fetches++;
            slot.state.set(new State(fresh, null, null, null));
            flight.complete(fresh);
        } catch (RuntimeException | Error e) {
            TollgateException failure = e instanceof TollgateException t ? t
                    : new TokenAcquisitionException(fetch.ref(), "fetching a credential failed ("
                            + e.getClass().getName() + ")", null);
            Instant until = fetch.cooldownUntil(failure, clock.instant());
            // the old credential stays: while it is still valid, callers keep getting it
            slot.state.updateAndGet(s -> new State(s.current(), null, failure, until));
            flight.completeExceptionally(failure);
            LOG.fine(() -> fetch.ref().describe() + ": " + failure.getMessage() + " Cooling down until " + until + ".");
        } finally {
            fetching.remove(key);
        }
    }

    private static CachedCredential await(CompletableFuture<CachedCredential> flight, ClientRef ref) {
        try {
            return flight.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TollgateException failure) {
                throw failure;
            }
            throw new TokenAcquisitionException(ref, "fetching a credential failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenAcquisitionException(ref, "interrupted while waiting for a credential", e);
        }
    }

    private Slot slot(CredentialKey key) {
        Slot slot = slots.get(key);
        if (slot != null) {
            return slot;
        }
        Slot created = new Slot(clock.millis());
        Slot raced = slots.putIfAbsent(key, created);
        if (raced != null) {
            return raced;
        }
        if (slots.size() > maxEntries) {
            evict(key);
        }
        return created;
    }

    /**
     * Back to 90% of the bound: expired and empty entries first, then the least recently used;
     * never an entry with a fetch in flight or a cooldown to remember, and not {@code keep}, the
     * entry being created for the caller that needs it. An entry is retired by compare-and-set
     * before it leaves the map, so a caller holding it notices and starts over.
     */
    private void evict(CredentialKey keep) {
        synchronized (evictionLock) {
            if (slots.size() <= maxEntries) {
                return;
            }
            Instant now = clock.instant();
            for (Map.Entry<CredentialKey, Slot> e : slots.entrySet()) {
                State s = e.getValue().state.get();
                if (!e.getKey().equals(keep) && isIdle(s, now) && (s.current() == null || s.current().isExpiredAt(now))) {
                    retire(e.getKey(), e.getValue(), s);
                }
            }
            int target = maxEntries - maxEntries / 10;
            if (slots.size() <= target) {
                return;
            }
            List<Map.Entry<CredentialKey, Slot>> idle = new ArrayList<>();
            for (Map.Entry<CredentialKey, Slot> e : slots.entrySet()) {
                if (!e.getKey().equals(keep) && isIdle(e.getValue().state.get(), now)) {
                    idle.add(e);
                }
            }
            idle.sort(Comparator.comparingLong(e -> e.getValue().lastUsed));
            for (int i = 0; i < idle.size() && slots.size() > target; i++) {
                Slot slot = idle.get(i).getValue();
                State s = slot.state.get();
                if (isIdle(s, now)) {
                    retire(idle.get(i).getKey(), slot, s);
                }
            }
        }
    }

    private static boolean isIdle(State s, Instant now) {
        return s != State.RETIRED && s.inFlight() == null && !s.isCoolingAt(now);
    }

    private void retire(CredentialKey key, Slot slot, State seen) {
        if (slot.state.compareAndSet(seen, State.RETIRED)) {
            slots.remove(key, slot);
        }
    }
}
