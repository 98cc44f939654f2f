package dev.tollgate.engine;

import dev.tollgate.api.ClientRef;
import dev.tollgate.api.CredentialsRejectedException;
import dev.tollgate.api.TokenAcquisitionException;
import dev.tollgate.api.TollgateException;
import dev.tollgate.engine.observe.CredentialId;
import dev.tollgate.engine.observe.Metric;
import dev.tollgate.spi.Credential;
import dev.tollgate.spi.CredentialSource;
import java.time.Clock;
import java.time.Duration;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.LongPredicate;
import java.util.logging.Logger;

/**
 * The credentials of every client and tenant of one application, and the single flight that
 * renews them. Per key the state is one immutable {@link State}, changed only by compare-and-set:
 * <ul>
 *   <li>fresh: returned at once, no lock, no write;</li>
 *   <li>stale (inside the refresh window, not expired): returned at once, and exactly one
 *       background refresh is started;</li>
 *   <li>expired or absent: one fetch runs on a fetch thread, and every caller waits for it, each
 *       at most until the fetch's deadline ({@code token-fetch-timeout});</li>
 *   <li>after a failed fetch, callers without a valid credential get the same failure until the
 *       cooldown ends; then one probe (a single attempt) may call the endpoint, and the
 *       cooldown grows with every failed probe up to {@code token-failure-cooldown}, so the
 *       first call after the endpoint recovers succeeds within one step while a dead endpoint
 *       sees a bounded number of requests. A still-valid credential keeps being served.</li>
 * </ul>
 * Every flight is completed, whatever happens inside it (an exception of any type, the deadline,
 * {@link #close()}), so no caller waits on a future nobody will complete.
 * At most {@code maxEntries} keys are kept: expired ones go first, then the least recently used
 * (to the second; for a credential that never turns stale, its first use after the last eviction).
 */
public final class CredentialCache {

    private static final Logger LOG = Logger.getLogger(CredentialCache.class.getName());
    private static final Duration FALLBACK_COOLDOWN = Duration.ofSeconds(5);

    /** What the cache needs from whoever knows how to fetch one key's credential. */
    interface Fetch {
        /**
         * Obtains a new credential; {@code previous} (maybe null) may hold a refresh token. A
         * {@code probe} makes a single request (the endpoint failed lately); {@code deadline} is
         * the {@link System#nanoTime()} by which the fetch must have ended.
         */
        CachedCredential fetch(CachedCredential previous, boolean probe, long deadline);

        /**
         * Until when, after the {@code failures}-th failed fetch in a row, callers are refused
         * without calling the endpoint.
         */
        Instant cooldownUntil(TollgateException failure, Instant now, int failures);

        /** How long a whole fetch may take: all its attempts and the waits between them. */
        Duration timeout();

        ClientRef ref();

        /**
         * False once the values this fetch was made from were replaced or removed (a stored
         * tenant saved again): what it fetches is handed to its waiters, never cached.
         */
        default boolean isCurrent() {
            return true;
        }

        /** The credential as operators name it (its source's name, not its cache key). */
        default CredentialId id() {
            ClientRef ref = ref();
            return new CredentialId(ref.client(), ref.tenant().orElse(""), "credential", ref.provider().orElse(""));
        }

        /** Token requests the last fetch made; 0 when not known. */
        default int attempts() {
            return 0;
        }

        /** The last HTTP status a token endpoint answered in the last fetch; 0 for none. */
        default int lastStatus() {
            return 0;
        }

        /**
         * True for a credential of one caller, cached under a key of its own (a shopper's login):
         * a vendor refusing it refuses what that caller gave (a mistyped password), which is no
         * problem of the application's readiness nor an operator's WARNING.
         */
        default boolean forOneCaller() {
            return false;
        }
    }

    /**
     * A fetch in progress: what its waiters wait for, until when at most, whether a thread has
     * taken it up yet, and whether it was handed to the fetch threads (a background refresh may
     * still sit in a busy executor's queue; callers who then need it hand it over once).
     */
    private record Flight(CompletableFuture<CachedCredential> result, long deadline, CachedCredential previous,
                          AtomicBoolean taken, AtomicBoolean onFetchThreads) {

        static Flight start(Fetch fetch, CachedCredential previous) {
            return new Flight(new CompletableFuture<>(), System.nanoTime() + fetch.timeout().toNanos(), previous,
                    new AtomicBoolean(), new AtomicBoolean());
        }
    }

    /**
     * One key's state: what is cached, the fetch in flight, the last failure, its cooldown, and
     * how many fetches in a row have failed.
     */
    record State(CachedCredential current, Flight inFlight, TollgateException failure, Instant coolingUntil,
                         int failures) {

        static final State EMPTY = new State(null, null, null, null, 0);
        /** An evicted slot: whoever still holds it starts over with the slot now in the map. */
        static final State RETIRED = new State(null, null, null, null, 0);

        boolean isCoolingAt(Instant now) {
            return coolingUntil != null && now.isBefore(coolingUntil);
        }

        State fetching(Flight flight) {
            return new State(current, flight, failure, coolingUntil, failures);
        }

        State withoutFlight() {
            return new State(current, null, failure, coolingUntil, failures);
        }
    }

    /** One key's place in the cache: its state, and when it was last used. */
    static final class Slot extends AtomicReference<State> {
        private static final long serialVersionUID = 1L;
        /** Epoch millis of the last use, written at most once a second so reads stay write-free. */
        volatile long lastUsed;
        /**
         * Touched since the last eviction by a use that needed no clock for itself (a credential
         * that never turns stale): later such uses skip the clock, so for these credentials
         * "last used" is their first use after each eviction.
         */
        volatile boolean touchedSinceEviction;
        /** Successful fetches for this key; written only by the single flight, so a plain increment. */
        volatile long fetches;
        /** Whose credential this is, as operators name it (health, gauges). */
        final CredentialId id;
        /** See {@link Fetch#forOneCaller()}. */
        final boolean forOneCaller;

        Slot(long now, CredentialId id, boolean forOneCaller) {
            super(State.EMPTY);
            lastUsed = now;
            this.id = id;
            this.forOneCaller = forOneCaller;
        }

        void touch(long millis) {
            if (millis - lastUsed >= 1000) {
                lastUsed = millis;
            }
        }

        void touchOncePerEviction(Clock clock) {
            if (!touchedSinceEviction) {
                touch(clock.millis());
                touchedSinceEviction = true;
            }
        }
    }

    /**
     * A fetch given up for one caller's sake (its thread was interrupted while it fetched for
     * everyone): not the endpoint's fault, so no cooldown; waiters start over.
     */
    static final class Abandoned extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Abandoned() {
            super(null, null, false, false);
        }
    }

    private final Map<CredentialKey, Slot> slots = new ConcurrentHashMap<>();
    private final Clock clock;
    /** Fetches that callers wait for: threads of their own, with no queue to wait in. */
    private final Executor fetchThreads;
    /** Refreshes nobody waits for (stale credentials): the server's managed executor when there is one. */
    private final Executor refresher;
    private final int maxEntries;
    private final AtomicLong fetches = new AtomicLong();
    private final Object evictionLock = new Object();
    private volatile boolean closed;
    private final EngineEvents events;
    /** The cluster tier ({@code tollgate.cache=cluster}), or null: fetches then go to the vendor directly. */
    private volatile SharedCredentials shared;

    /** The keys this thread is fetching right now, to refuse a dependency cycle instead of hanging. */
    private static final ThreadLocal<Set<CredentialKey>> FETCHING = ThreadLocal.withInitial(HashSet::new);

    CredentialCache(Clock clock, Executor fetchThreads, Executor refresher, int maxEntries, EngineEvents events) {
        this.clock = clock;
        this.fetchThreads = fetchThreads;
        this.refresher = refresher;
        this.maxEntries = maxEntries;
        this.events = events;
    }

    /** A cache that tells nothing to operators; for tests. */
    CredentialCache(Clock clock, Executor fetchThreads, Executor refresher, int maxEntries) {
        this(clock, fetchThreads, refresher, maxEntries, EngineEvents.unobserved(clock));
    }

    /** A cache whose fetches and refreshes run on one executor; for tests. */
    CredentialCache(Clock clock, Executor executor, int maxEntries) {
        this(clock, executor, executor, maxEntries);
    }

    /** Where what happens to these credentials is told. */
    EngineEvents events() {
        return events;
    }

    /** From now on, fetches of credentials the cluster may share go through {@code tier} first. */
    void shareWith(SharedCredentials tier) {
        this.shared = tier;
    }

    /** The cluster tier, or null when this server keeps its credentials to itself. */
    SharedCredentials shared() {
        return shared;
    }

    /** {@code fetch} as it runs: through the cluster tier when there is one and the credential may be shared. */
    private Fetch clustered(CredentialKey key, Fetch fetch) {
        SharedCredentials tier = shared;
        return tier != null && fetch instanceof TokenFetcher local && local.isShareable()
                ? new ClusterFetch(key, local, tier, events, clock) : fetch;
    }

    /**
     * Another node replaced or dropped the shared copy of {@code key}'s credential: the copy here
     * is dropped unless it is the new one ({@code newId}, null when the copy was dropped), so the
     * next call takes the cluster's. Only this node's copy: the shared one is not touched. A copy
     * that lapsed with the shared one is kept for its refresh token; so is one that a new copy this
     * node cannot take ({@code opensHere} false: another server's key or configuration) would replace.
     */
    void sharedCopyChanged(CredentialKey key, String newId, BooleanSupplier opensHere) {
        Slot slot = slots.get(key);
        CachedCredential current = slot == null ? null : slot.get().current();
        if (current == null || (newId == null && current.isExpiredAt(clock.instant()))) {
            // an expired copy is not served anyway, and its refresh token may still renew it
            return;
        }
        if (newId == null || (!newId.equals(current.sharedId()) && opensHere.getAsBoolean())) {
            dropHere(key, current);
        }
    }

    /**
     * True while {@code attached} may be attached again as it is: its slot still holds the state
     * it was made from, and the clock is before the end of what that state serves (see
     * {@link #attachment}). The hot path: one read of the slot, one of the clock, nothing allocated.
     */
    boolean stillServes(AttachedCredential attached) {
        Slot slot = attached.slot();
        if (slot == null || closed || slot.get() != attached.state()) {
            return false;
        }
        if (attached.servableUntil() == Long.MAX_VALUE) {
            // never stale (a configured token): nothing for the clock to decide, and reading it
            // costs as much as the rest of the call on some virtual machines
            slot.touchOncePerEviction(clock);
            return true;
        }
        long now = clock.millis();
        if (now >= attached.servableUntil()) {
            return false;
        }
        slot.touch(now);
        return true;
    }

    /**
     * {@code cached}, just returned by {@link #get} for {@code key}, as requests carry it: reusable
     * by later requests while its slot keeps the state it is in now. A credential that has left
     * the slot meanwhile is attached once, never reused.
     */
    AttachedCredential attachment(CredentialKey key, CachedCredential cached, ConfiguredSettings settings,
                                  CredentialSource source) {
        Slot slot = slots.get(key);
        State state = slot == null ? null : slot.get();
        if (state == null || state.current() != cached) {
            return AttachedCredential.once(key, settings, source, cached);
        }
        return new AttachedCredential(key, settings, source, cached, slot, state, servableUntil(state));
    }

    /**
     * Epoch milliseconds before which a state's credential is served without a fetch, the rules of
     * {@link #get}: a fresh credential until it turns stale; a stale one whose refresh is running
     * until it expires; one cooling down after a failed refresh until it expires or the cooldown
     * ends, whichever is first. Rounded down, so a reuse never outlasts what {@link #get} would serve.
     */
    private static long servableUntil(State state) {
        CachedCredential current = state.current();
        long fresh = current.staleAt() == null ? Long.MAX_VALUE : millisOf(current.staleAt());
        long expiry = current.credential().expiresAt().map(CredentialCache::millisOf).orElse(Long.MAX_VALUE);
        if (state.inFlight() != null) {
            return Math.max(fresh, expiry);
        }
        if (state.coolingUntil() != null) {
            return Math.max(fresh, Math.min(expiry, millisOf(state.coolingUntil())));
        }
        return fresh;
    }

    private static long millisOf(Instant instant) {
        try {
            return instant.toEpochMilli();
        } catch (ArithmeticException e) {
            return instant.isBefore(Instant.EPOCH) ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    /** The credential for {@code key}: cached, or fetched by {@code fetch} under single flight. */
    CachedCredential get(CredentialKey key, Fetch fetch) {
        return get(key, fetch, false);
    }

    /**
     * {@link #get} for a call's own credential: when none can be had, the call is counted as
     * refused before sending, with why (cooling down after failed fetches, or no credential).
     */
    CachedCredential getForCall(CredentialKey key, Fetch fetch) {
        return get(key, fetch, true);
    }

    private CachedCredential get(CredentialKey key, Fetch fetch, boolean call) {
        try {
            return lookup(key, fetch);
        } catch (CoolingRefusal refusal) {
            if (call) {
                events.refused(fetch.ref(), fetch.id().credential(), EngineEvents.Refusal.COOLING_DOWN, refusal.failure);
            }
            throw refusal.failure;
        } catch (TollgateException failure) {
            if (call) {
                events.refused(fetch.ref(), fetch.id().credential(), events.reasonOf(failure), failure);
            }
            throw failure;
        }
    }

    /** Thrown inside {@link #lookup} only, for {@link #get} to tell a cooldown from other failures. */
    private static final class CoolingRefusal extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient TollgateException failure;

        CoolingRefusal(TollgateException failure) {
            super(null, null, false, false);
            this.failure = failure;
        }
    }

    private CachedCredential lookup(CredentialKey key, Fetch fetch) {
        Slot slot = slot(key, fetch);
        while (true) {
            if (closed) {
                throw closedFailure(fetch.ref());
            }
            State state = slot.get();
            if (state == State.RETIRED) {
                slot = slot(key, fetch);
                continue;
            }
            Instant now = clock.instant();
            CachedCredential current = state.current();
            if (current != null && current.isFreshAt(now)) {
                slot.touch(now.toEpochMilli());
                return current;
            }
            if (current != null && !current.isExpiredAt(now)) {
                if (state.inFlight() == null && !state.isCoolingAt(now)) {
                    Flight flight = Flight.start(fetch, current);
                    if (!slot.compareAndSet(state, state.fetching(flight))) {
                        continue;
                    }
                    if (closedMeanwhile(slot, flight, fetch)) {
                        throw closedFailure(fetch.ref());
                    }
                    refreshInBackground(key, slot, flight, state.failures() > 0, fetch);
                }
                slot.touch(now.toEpochMilli());
                return current;
            }
            if (state.inFlight() != null) {
                if (FETCHING.get().contains(key)) {
                    // this thread is fetching this very key further up its stack: waiting would never end
                    throw new TokenAcquisitionException(fetch.ref(), "the " + key.credential()
                            + " depends on itself through its provider's credential dependencies", null);
                }
                if (!state.inFlight().taken().get() && !state.inFlight().onFetchThreads().get()) {
                    // a background refresh still queued in the executor, and now callers need it
                    start(key, slot, state.inFlight(), state.failures() > 0, fetch);
                }
                CachedCredential awaited = await(slot, state.inFlight(), fetch);
                if (awaited != null) {
                    return awaited;
                }
                requireNotInterrupted(fetch);
                continue; // the flight was abandoned: start over
            }
            if (state.isCoolingAt(now)) {
                throw new CoolingRefusal(state.failure());
            }
            Flight flight = Flight.start(fetch, current);
            if (slot.compareAndSet(state, state.fetching(flight))) {
                if (closedMeanwhile(slot, flight, fetch)) {
                    throw closedFailure(fetch.ref());
                }
                start(key, slot, flight, state.failures() > 0, fetch);
                CachedCredential awaited = await(slot, flight, fetch);
                if (awaited != null) {
                    return awaited;
                }
                requireNotInterrupted(fetch);
            }
        }
    }

    /**
     * A credential for one request only (never cached, never shared): fetched on a fetch thread
     * like any other, so that its caller too stops waiting at the deadline.
     */
    CachedCredential fetchUnshared(Fetch fetch) {
        if (closed) {
            throw closedFailure(fetch.ref());
        }
        Flight flight = Flight.start(fetch, null);
        Runnable task = () -> {
            try {
                flight.result().complete(fetch.fetch(null, false, flight.deadline()));
            } catch (Abandoned e) {
                flight.result().completeExceptionally(e);
                Thread.currentThread().interrupt(); // this thread's own (the caller's, when it ran here)
            } catch (Throwable e) {
                flight.result().completeExceptionally(e);
            }
        };
        try {
            fetchThreads.execute(task);
        } catch (RejectedExecutionException e) {
            // shutting down: the wait below ends at the deadline; nothing runs on the caller's thread
            LOG.fine(() -> fetch.ref().describe() + ": no fetch thread would take the fetch");
        }
        try {
            return flight.result().get(Math.max(flight.deadline() - System.nanoTime(), 0), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TollgateException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Abandoned) {
                throw new TokenAcquisitionException(fetch.ref(), "interrupted while fetching a credential", null);
            }
            throw new TokenAcquisitionException(fetch.ref(), "fetching a credential failed ("
                    + e.getCause().getClass().getName() + ")", null);
        } catch (TimeoutException e) {
            throw new TokenAcquisitionException(fetch.ref(), "the token endpoint did not answer within "
                    + fetch.timeout() + " (token-fetch-timeout, all attempts and waits included).", null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenAcquisitionException(fetch.ref(), "interrupted while waiting for a credential", null);
        }
    }

    /**
     * True when close() came between this caller's check and its new flight: close may have looked
     * at the slot before the flight was there, so the flight is withdrawn and answered here. (close
     * sets the flag before it looks, the caller sets the flight before it looks: one of them sees the other.)
     */
    private boolean closedMeanwhile(Slot slot, Flight flight, Fetch fetch) {
        if (!closed) {
            return false;
        }
        slot.updateAndGet(s -> s.inFlight() == flight ? s.withoutFlight() : s);
        flight.result().completeExceptionally(closedFailure(fetch.ref()));
        return true;
    }

    private static void requireNotInterrupted(Fetch fetch) {
        if (Thread.currentThread().isInterrupted()) {
            throw new TokenAcquisitionException(fetch.ref(), "interrupted while fetching a credential;"
                    + " another caller will fetch it again", null);
        }
    }

    /**
     * Drops the credential for {@code key} only if it is still {@code used}: one that another call
     * has already replaced stays.
     */
    boolean invalidate(CredentialKey key, CachedCredential used) {
        boolean dropped = dropHere(key, used);
        SharedCredentials tier = shared;
        if (tier != null && used.sharedId() != null) {
            // compare-and-invalidate on the cluster's copy too: one that another node renewed meanwhile stays
            try {
                tier.invalidate(key, used.sharedId());
            } catch (RuntimeException | LinkageError e) {
                tier.unreachable(e);
            }
        }
        return dropped;
    }

    /** {@link #invalidate(CredentialKey, CachedCredential)} on this node only. */
    private boolean dropHere(CredentialKey key, CachedCredential used) {
        Slot slot = slots.get(key);
        if (slot == null) {
            return false;
        }
        State before = slot.getAndUpdate(s -> s.current() == used
                ? new State(null, s.inFlight(), s.failure(), s.coolingUntil(), s.failures()) : s);
        return before.current() == used;
    }

    /**
     * Drops every credential of {@code client}'s {@code tenant} at once (its values were replaced
     * or removed). Each slot is retired, so a fetch still in flight for the old values hands its
     * answer to its waiters but cannot put it back: the next call starts a new slot.
     *
     * @return how many credentials were dropped
     */
    int dropTenant(String client, String tenant) {
        return dropTenant(client, tenant, revision -> true);
    }

    /** {@link #dropTenant(String, String)}, for the stored revisions {@code revisions} accepts only. */
    int dropTenant(String client, String tenant, LongPredicate revisions) {
        int dropped = 0;
        for (Map.Entry<CredentialKey, Slot> e : slots.entrySet()) {
            CredentialKey key = e.getKey();
            if (key.client().equals(client) && key.tenant().equals(tenant) && revisions.test(key.revision())) {
                State before = e.getValue().getAndSet(State.RETIRED);
                slots.remove(key, e.getValue());
                if (before.current() != null) {
                    dropped++;
                }
            }
        }
        return dropped;
    }

    /**
     * For shutdown: revokes, at their vendors, the cached credentials that ask for it (a revocation
     * may need another cached credential, so this comes first), then refuses every later call,
     * completes every fetch in flight exceptionally, so that its waiters get an answer at once,
     * and drops every credential.
     */
    void close(ClientRef engine) {
        revokeAll();
        closed = true;
        for (Slot slot : slots.values()) {
            State state = slot.getAndSet(State.RETIRED); // a late answer is not stored (see run)
            if (state.inFlight() != null) {
                state.inFlight().result().completeExceptionally(closedFailure(engine));
            }
        }
        // never served again, so not kept either: a client the application holds on to keeps the cache reachable
        slots.clear();
    }

    boolean isClosed() {
        return closed;
    }

    /**
     * Drops the credential for {@code key} only if it still holds {@code used}: a dependency that a
     * token request carried and the vendor refused ({@link Dependencies#invalidate}).
     */
    boolean invalidate(CredentialKey key, Credential used) {
        Slot slot = slots.get(key);
        CachedCredential current = slot == null ? null : slot.get().current();
        return current != null && current.credential() == used && invalidate(key, current);
    }

    /** Revokes, at their vendors, the cached credentials that ask for it. */
    private void revokeAll() {
        for (Map.Entry<CredentialKey, Slot> e : slots.entrySet()) {
            CachedCredential current = e.getValue().get().current();
            if (current != null && current.revocation() != null && !current.isExpiredAt(clock.instant())) {
                try {
                    invalidate(e.getKey(), current); // not served any more, revoked or not
                    current.revocation().run();
                    LOG.fine(() -> e.getKey().client() + "/" + e.getKey().credential() + ": revoked at shutdown");
                } catch (RuntimeException failure) {
                    LOG.fine(() -> e.getKey().client() + "/" + e.getKey().credential() + ": revoking at shutdown failed ("
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

    /**
     * A view for operators, sorted by client, tenant and credential: masked values only; a key
     * whose last fetch failed is listed too, with the failure, even when it holds no credential.
     */
    public List<CacheEntry> entries() {
        List<CacheEntry> entries = new ArrayList<>();
        for (Map.Entry<CredentialKey, Slot> e : slots.entrySet()) {
            State state = e.getValue().get();
            CachedCredential current = state.current();
            if (current != null) {
                CredentialKey key = e.getKey();
                entries.add(new CacheEntry(key.client(), key.tenant(), key.credential(), current.credential().value().masked(),
                        current.obtainedAt(), current.staleAt(), current.credential().expiresAt().orElse(null),
                        e.getValue().fetches, state.coolingUntil(),
                        state.failure() == null ? null : state.failure().getMessage()));
            } else if (state.failure() != null) {
                // a failing credential stays visible to operators, with why
                CredentialKey key = e.getKey();
                entries.add(new CacheEntry(key.client(), key.tenant(), key.credential(), "", null, null, null,
                        e.getValue().fetches, state.coolingUntil(), state.failure().getMessage()));
            }
        }
        entries.sort(Comparator.comparing(CacheEntry::client).thenComparing(CacheEntry::tenant).thenComparing(CacheEntry::credential));
        return entries;
    }

    /** The credentials held ({@link #entries()} without failed ones), one line each, for logs and tests. */
    public List<String> describe() {
        return entries().stream()
                .filter(e -> e.obtainedAt() != null)
                .map(e -> e.client() + "/" + (e.tenant().isEmpty() ? "-" : e.tenant()) + "/" + e.credential() + " " + e.maskedValue()
                        + ", expires " + (e.expiresAt() == null ? "never" : e.expiresAt()))
                .toList();
    }

    /** Each key cooling down at {@code now}, with its state (failure, cooldown's end). */
    void forEachCooling(Instant now, BiConsumer<CredentialId, State> action) {
        for (Slot slot : slots.values()) {
            State state = slot.get();
            // a caller's own credential refused (a shopper's wrong password) is that caller's business
            boolean callersMistake = slot.forOneCaller && state.failure() instanceof CredentialsRejectedException;
            if (state.isCoolingAt(now) && state.failure() != null && slot.id != null && !callersMistake) {
                action.accept(slot.id, state);
            }
        }
    }

    /**
     * A gauge's value now over the keys whose credential {@code tags} name (client, credential,
     * and tenant when given): how many are cached, or the fewest seconds left until one expires
     * (NaN when none that expires is cached).
     */
    double gaugeValue(Metric metric, Map<String, String> tags) {
        String client = tags.get("client");
        String credential = tags.get("credential");
        String tenant = tags.get("tenant");
        Instant now = clock.instant();
        long count = 0;
        double fewest = Double.NaN;
        for (Slot slot : slots.values()) {
            CredentialId id = slot.id;
            CachedCredential current = slot.get().current();
            if (current == null || id == null || !id.client().equals(client) || !id.credential().equals(credential)
                    || (tenant != null && !id.tenant().equals(tenant))) {
                continue;
            }
            count++;
            Instant expiry = current.credential().expiresAt().orElse(null);
            if (expiry != null) {
                double left = Math.max(0, Duration.between(now, expiry).toMillis() / 1000.0);
                fewest = Double.isNaN(fewest) ? left : Math.min(fewest, left);
            }
        }
        return metric == Metric.CACHED_CREDENTIALS ? count : fewest;
    }

    Clock clock() {
        return clock;
    }

    static TokenAcquisitionException closedFailure(ClientRef ref) {
        return new TokenAcquisitionException(ref, "the Tollgate engine has been closed (its application is stopping);"
                + " no credential is attached any more. Nothing was sent.", null);
    }

    /**
     * Runs the flight on a fetch thread, so that every caller, the first included, can stop
     * waiting at the deadline even when the endpoint trickles its answer. A fetch that a fetch
     * thread needs (a dependency) runs right there: queueing it behind the fetches that wait for
     * it could take every thread. A fetch the executor refuses (it is shutting down) is left to
     * the deadline, or to close(), which answers it at once; never run on the caller's thread,
     * where nothing could stop it.
     */
    private void start(CredentialKey key, Slot slot, Flight flight, boolean probe, Fetch given) {
        Fetch fetch = clustered(key, given);
        if (!FETCHING.get().isEmpty()) {
            run(key, slot, flight, probe, fetch);
            return;
        }
        if (flight.onFetchThreads().getAndSet(true)) {
            return; // handed over already
        }
        try {
            fetchThreads.execute(() -> run(key, slot, flight, probe, fetch));
        } catch (RejectedExecutionException e) {
            LOG.fine(() -> fetch.ref().describe() + ": no fetch thread would take the fetch; its callers wait for its deadline");
        }
    }

    /**
     * A refresh nobody waits for (the current credential is still served): always on the
     * refresher; with no thread to be had (shutting down) it is dropped, and a later caller starts
     * it again.
     */
    private void refreshInBackground(CredentialKey key, Slot slot, Flight flight, boolean probe, Fetch given) {
        Fetch fetch = clustered(key, given);
        try {
            refresher.execute(() -> run(key, slot, flight, probe, fetch));
        } catch (RejectedExecutionException e) {
            slot.updateAndGet(s -> s.inFlight() == flight ? s.withoutFlight() : s);
            flight.result().complete(flight.previous());
        }
    }

    /** Runs one flight, unless another thread has taken it up already; completes it whatever happens. */
    private void run(CredentialKey key, Slot slot, Flight flight, boolean probe, Fetch fetch) {
        if (!flight.taken().compareAndSet(false, true)) {
            return;
        }
        Set<CredentialKey> fetching = FETCHING.get();
        fetching.add(key);
        try {
            CachedCredential fresh = fetch.fetch(flight.previous(), probe, flight.deadline());
            if (fresh != null && fresh == flight.previous()) {
                // nothing was fetched (a background refresh that gave up waiting for another server of
                // the cluster): the state stays as it was, failures and cooldown included, and nothing is counted
                slot.updateAndGet(s -> s.inFlight() == flight ? s.withoutFlight() : s);
                flight.result().complete(fresh);
                return;
            }
            slot.fetches++;
            // a late answer (after the deadline) is still good, unless something newer is there
            slot.updateAndGet(s -> s != State.RETIRED && (s.inFlight() == flight
                    || (s.inFlight() == null && s.current() == flight.previous()))
                    ? (fetch.isCurrent() ? new State(fresh, null, null, null, 0) : State.EMPTY) : s);
            // counted once the credential is in place: whoever saw the count sees the credential too
            fetches.incrementAndGet();
            events.fetchSucceeded(fetch.id(), fresh, this);
            flight.result().complete(fresh);
        } catch (Abandoned e) {
            slot.updateAndGet(s -> s.inFlight() == flight ? s.withoutFlight() : s);
            flight.result().completeExceptionally(e);
            Thread.currentThread().interrupt();
        } catch (Throwable e) {
            fail(slot, flight, fetch, e instanceof TollgateException t ? t
                    : new TokenAcquisitionException(fetch.ref(), "fetching a credential failed ("
                            + e.getClass().getName() + ")", null));
            if (e instanceof Error error && !(e instanceof AssertionError)) {
                throw error;
            }
        } finally {
            fetching.remove(key);
        }
    }

    /** Records a failed flight (once: the fetch and a waiter at the deadline may both try). */
    private void fail(Slot slot, Flight flight, Fetch fetch, TollgateException failure) {
        Instant now = clock.instant();
        State before = slot.getAndUpdate(s -> s.inFlight() == flight
                ? new State(s.current(), null, failure, cooldownUntil(fetch, failure, now, s.failures() + 1), s.failures() + 1)
                : s);
        if (before.inFlight() == flight) {
            // told before the waiters hear of it: whoever saw the failure sees it counted and logged
            State after = slot.get();
            events.fetchFailed(fetch.id(), fetch.forOneCaller(), failure, before.failures() + 1,
                    after.failure() == failure ? after.coolingUntil() : now, fetch.attempts(), fetch.lastStatus());
        }
        flight.result().completeExceptionally(failure);
    }

    /** Never throws: a cooldown that cannot be worked out must not leave the flight open. */
    private static Instant cooldownUntil(Fetch fetch, TollgateException failure, Instant now, int failures) {
        try {
            return fetch.cooldownUntil(failure, now, failures);
        } catch (RuntimeException e) {
            return now.plus(FALLBACK_COOLDOWN);
        }
    }

    /**
     * Waits for a flight until its deadline: the credential, or null when the flight was
     * abandoned and the caller should start over. At the deadline the flight fails for everyone
     * (and cools down); an interrupted caller gets its own exception and leaves the flight alone.
     */
    private CachedCredential await(Slot slot, Flight flight, Fetch fetch) {
        try {
            long left = flight.deadline() - System.nanoTime();
            return flight.result().get(Math.max(left, 0), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Abandoned) {
                return null;
            }
            if (e.getCause() instanceof TollgateException failure) {
                throw failure;
            }
            throw new TokenAcquisitionException(fetch.ref(), "fetching a credential failed", null);
        } catch (TimeoutException e) {
            fail(slot, flight, fetch, new TokenAcquisitionException(fetch.ref(), "the token endpoint did not answer within "
                    + fetch.timeout() + " (token-fetch-timeout, all attempts and waits included).", null));
            return await(slot, flight, fetch); // completed now, by this caller or by the fetch itself
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenAcquisitionException(fetch.ref(), "interrupted while waiting for a credential;"
                    + " the fetch goes on for other callers", null);
        }
    }

    private Slot slot(CredentialKey key, Fetch fetch) {
        Slot slot = slots.get(key);
        if (slot != null) {
            return slot;
        }
        Slot created = new Slot(clock.millis(), fetch.id(), fetch.forOneCaller());
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
            for (Slot slot : slots.values()) {
                slot.touchedSinceEviction = false;
            }
            for (Map.Entry<CredentialKey, Slot> e : slots.entrySet()) {
                State s = e.getValue().get();
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
                if (!e.getKey().equals(keep) && isIdle(e.getValue().get(), now)) {
                    idle.add(e);
                }
            }
            idle.sort(Comparator.comparingLong(e -> e.getValue().lastUsed));
            for (int i = 0; i < idle.size() && slots.size() > target; i++) {
                Slot slot = idle.get(i).getValue();
                State s = slot.get();
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
        if (slot.compareAndSet(seen, State.RETIRED)) {
            slots.remove(key, slot);
        }
    }
}
