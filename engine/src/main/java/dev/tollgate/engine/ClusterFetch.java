package dev.tollgate.engine;

import dev.tollgate.api.ClientRef;
import dev.tollgate.api.TollgateException;
import dev.tollgate.engine.observe.CredentialId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * A fetch of one key's credential for a server in a cluster: the cluster's shared copy when it
 * serves, else this node fetches for every node while it holds the key's fetch marker, else it
 * waits for the node that holds it. Runs inside the local cache's single flight, so each node asks
 * the cluster once per key at a time; the local cache's fast path never reaches here.
 * <ul>
 *   <li>a fresh shared copy is taken as it is; so is a stale one when this node has nothing valid;</li>
 *   <li>with a valid but stale credential here (a background refresh), the node that wins the
 *       marker refreshes, and the others keep serving theirs until the new copy arrives;</li>
 *   <li>a node that dies holding the marker delays the others by at most the fetch lease, or half
 *       of their {@code token-fetch-timeout} when that is shorter: then they fetch themselves;</li>
 *   <li>when the cluster does not answer, this node fetches on its own.</li>
 * </ul>
 */
final class ClusterFetch implements CredentialCache.Fetch {

    private static final Logger LOG = Logger.getLogger(ClusterFetch.class.getName());
    private static final long FIRST_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long MAX_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final CredentialKey key;
    private final TokenFetcher local;
    private final SharedCredentials shared;
    private final EngineEvents events;
    private final Clock clock;

    ClusterFetch(CredentialKey key, TokenFetcher local, SharedCredentials shared, EngineEvents events, Clock clock) {
        this.key = key;
        this.local = local;
        this.shared = shared;
        this.events = events;
        this.clock = clock;
        local.refreshTokensClaimedBy(shared::claimRefreshToken);
    }

    @Override
    public CachedCredential fetch(CachedCredential previous, boolean probe, long deadline) {
        long poll = FIRST_POLL_NANOS;
        // waiting for another node takes at most half of this fetch's time: the rest is for fetching
        // here, should that node be dead with a lease longer than a caller may wait, or just slow
        long patience = System.nanoTime() + Math.max(0, deadline - System.nanoTime()) / 2;
        while (true) {
            requireOpen();
            SharedCredentials.Claim claim;
            try {
                Optional<CachedCredential> copy = validCopy();
                if (serves(copy, previous)) {
                    return copy.get();
                }
                claim = shared.claimFetch(key);
            } catch (RuntimeException | LinkageError e) {
                if (e instanceof TollgateException failure) {
                    throw failure;
                }
                unanswered(e);
                return local.fetch(previous, probe, deadline);
            }
            if (claim != null) {
                try (claim) {
                    return fetchForTheCluster(claim, previous, probe, deadline);
                }
            }
            long left = patience - System.nanoTime();
            if (left <= 0) {
                if (previous != null && !previous.isExpiredAt(clock.instant())) {
                    return previous; // a background refresh: the credential here still serves; a later call tries again
                }
                LOG.fine(() -> ref().describe() + ": another server has held the fetch marker of the " + key.credential()
                        + " for half of token-fetch-timeout (" + local.timeout() + "); fetching here");
                return fetchForTheCluster(null, previous, probe, deadline);
            }
            pause(Math.min(poll, left));
            poll = Math.min(poll * 2, MAX_POLL_NANOS);
        }
    }

    /**
     * This node holds the marker ({@code claim}), or gave up waiting for the node that does (null):
     * one more look (a copy may have arrived since), then the vendor, and the result shared. Once
     * the cache failed to answer, nothing more is asked of it, the marker's release included (its
     * lease ends it): a cut-off member times out each operation, and the callers would wait for each.
     */
    private CachedCredential fetchForTheCluster(SharedCredentials.Claim claim, CachedCredential previous, boolean probe,
                                                long deadline) {
        CachedCredential base = previous;
        try {
            Optional<CachedCredential> copy = validCopy();
            if (serves(copy, previous)) {
                return copy.get();
            }
            // a valid copy newer than this node's (stale too): its refresh token is the one to use
            if (copy.isPresent() && (previous == null || !copy.get().sharedId().equals(previous.sharedId()))) {
                base = copy.get();
            }
        } catch (RuntimeException | LinkageError e) {
            if (e instanceof TollgateException failure) {
                throw failure;
            }
            unanswered(e, claim);
            requireOpen();
            return local.fetch(base, probe, deadline);
        }
        requireOpen();
        CachedCredential fresh = local.fetch(base, probe, deadline);
        try {
            String id = shared.write(key, fresh);
            shared.reachable(); // a whole round trip: looked, claimed and shared
            return id == null ? fresh : fresh.sharedAs(id);
        } catch (RuntimeException | LinkageError e) {
            unanswered(e, claim);
            return fresh;
        }
    }

    /** The cluster's copy, made ready to attach here, while it has not expired; empty otherwise. */
    private Optional<CachedCredential> validCopy() {
        Optional<SharedCredentials.Shared> copy = shared.read(key);
        if (copy.isEmpty() || isExpired(copy.get())) {
            return Optional.empty();
        }
        return Optional.of(local.adopt(copy.get().credential(), copy.get().obtainedAt()).sharedAs(copy.get().id()));
    }

    /**
     * True when the cluster's copy serves this caller: fresh, or valid while this node has nothing
     * valid (its own refresh then follows, as for any stale credential).
     */
    private boolean serves(Optional<CachedCredential> copy, CachedCredential previous) {
        if (copy.isEmpty()) {
            return false;
        }
        Instant now = clock.instant();
        if (copy.get().isFreshAt(now) || previous == null || previous.isExpiredAt(now)) {
            LOG.fine(() -> ref().describe() + ": " + key.credential() + " taken from the cluster");
            events.adoptedFromCluster(id());
            shared.reachable(); // a whole round trip: looked and took
            return true;
        }
        return false;
    }

    private void unanswered(Throwable e) {
        unanswered(e, null);
    }

    /** Counted and told; {@code claim}, when this fetch holds one, is left to its lease. */
    private void unanswered(Throwable e, SharedCredentials.Claim claim) {
        if (claim != null) {
            claim.abandon();
        }
        shared.unreachable(e);
        events.clusterUnanswered(id());
    }

    /**
     * A fetch that waited for another node stops when this engine closes: a background refresh on
     * the server's executor outlives the application, and must not then ask the vendor for a token.
     */
    private void requireOpen() {
        if (shared.isClosed()) {
            throw CredentialCache.closedFailure(ref());
        }
    }

    private boolean isExpired(SharedCredentials.Shared copy) {
        return copy.credential().expiresAt().map(expiry -> !clock.instant().isBefore(expiry)).orElse(false);
    }

    /** Real time, whatever clock the engine reads: the other node works in real time too. */
    private static void pause(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            throw new CredentialCache.Abandoned();
        }
    }

    @Override
    public Instant cooldownUntil(TollgateException failure, Instant now, int failures) {
        return local.cooldownUntil(failure, now, failures);
    }

    @Override
    public Duration timeout() {
        return local.timeout();
    }

    @Override
    public ClientRef ref() {
        return local.ref();
    }

    @Override
    public boolean isCurrent() {
        return local.isCurrent();
    }

    @Override
    public CredentialId id() {
        return local.id();
    }

    @Override
    public int attempts() {
        return local.attempts();
    }

    @Override
    public int lastStatus() {
        return local.lastStatus();
    }

    @Override
    public boolean forOneCaller() {
        return local.forOneCaller();
    }
}
