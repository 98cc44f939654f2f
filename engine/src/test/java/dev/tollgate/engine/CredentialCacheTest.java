package dev.tollgate.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.ClientRef;
import dev.tollgate.api.TollgateException;
import dev.tollgate.spi.Credential;
import dev.tollgate.spi.Secret;
import dev.tollgate.testkit.time.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The cache on its own: compare-and-invalidate, and a bound that many tenants cannot break. */
class CredentialCacheTest {

    private final MutableClock clock = MutableClock.startingAt("2026-11-22T10:00:00Z");

    /** Mints a new credential per fetch, valid for an hour, and counts the fetches. */
    private final class Minting implements CredentialCache.Fetch {
        final AtomicInteger fetches = new AtomicInteger();

        @Override
        public CachedCredential fetch(CachedCredential previous, boolean probe, long deadline) {
            Credential c = Credential.expiring(Secret.of("token-" + fetches.incrementAndGet()), clock.instant().plus(Duration.ofHours(1)));
            return new CachedCredential(c, Map.of("Authorization", "Bearer " + c.value().reveal()), clock.instant(),
                    clock.instant().plus(Duration.ofMinutes(59)));
        }

        @Override
        public Instant cooldownUntil(TollgateException failure, Instant now, int failures) {
            return now;
        }

        @Override
        public Duration timeout() {
            return Duration.ofSeconds(30);
        }

        @Override
        public ClientRef ref() {
            return ClientRef.client("test");
        }
    }

    @Test
    void invalidationDropsOnlyTheCredentialThatFailed() {
        CredentialCache cache = new CredentialCache(clock, Runnable::run, 100);
        Minting minting = new Minting();
        CredentialKey key = new CredentialKey("api", "", "access-token");
        CachedCredential first = cache.get(key, minting);

        assertTrue(cache.invalidate(key, first));
        CachedCredential second = cache.get(key, minting);
        assertEquals(2, minting.fetches.get());

        // a late 401 for the first credential must not drop the second
        assertFalse(cache.invalidate(key, first));
        assertSame(second, cache.get(key, minting));
        assertEquals(2, minting.fetches.get());
    }

    @Test
    void aRefusedDependencyIsDroppedOnlyWhileItIsStillTheCachedOne() {
        CredentialCache cache = new CredentialCache(clock, Runnable::run, 100);
        Minting minting = new Minting();
        CredentialKey key = new CredentialKey("ep", "", "implicit-token");
        Credential used = cache.get(key, minting).credential();

        assertTrue(cache.invalidate(key, used));
        Credential replaced = cache.get(key, minting).credential();
        assertEquals(2, minting.fetches.get());
        // a second shopper login refused with the old token must not drop the new one
        assertFalse(cache.invalidate(key, used));
        assertSame(replaced, cache.get(key, minting).credential());
        assertFalse(cache.invalidate(new CredentialKey("ep", "", "never-fetched"), used));
    }

    @Test
    void theOperatorsViewShowsMaskedValuesExpiriesAndFetchesPerEntry() {
        CredentialCache cache = new CredentialCache(clock, Runnable::run, 100);
        Minting minting = new Minting();
        CredentialKey acme = new CredentialKey("api", "acme", "access-token");
        CachedCredential first = cache.get(acme, minting);
        cache.get(new CredentialKey("api", "", "access-token"), minting);
        clock.advance(Duration.ofMinutes(59)); // stale: the refresh runs on the caller's executor (here, inline)
        cache.get(acme, minting);

        CacheEntry entry = cache.entries().get(1);
        assertEquals(List.of("", "acme"), cache.entries().stream().map(CacheEntry::tenant).toList());
        assertEquals("access-token", entry.credential());
        assertEquals(2, entry.fetches(), "a fetch and a refresh for acme");
        assertEquals(1, cache.entries().get(0).fetches());
        assertEquals("****", entry.maskedValue(), "a short value shows nothing");
        assertFalse(cache.entries().toString().contains("token-"), cache.entries().toString());
        assertEquals(clock.instant().plus(Duration.ofHours(1)), entry.expiresAt());
        assertEquals("fresh", entry.stateAt(clock.instant()));
        assertEquals("stale", entry.stateAt(clock.instant().plus(Duration.ofMinutes(59))));
        assertEquals("expired", entry.stateAt(clock.instant().plus(Duration.ofHours(1))));
        assertTrue(first.credential().expiresAt().orElseThrow().isBefore(entry.expiresAt()));
    }

    @Test
    void aHundredThousandTenantsStayWithinTheBound() {
        int bound = 1_000;
        CredentialCache cache = new CredentialCache(clock, Runnable::run, bound);
        Minting minting = new Minting();
        int maxSize = 0;
        for (int tenant = 0; tenant < 100_000; tenant++) {
            cache.get(new CredentialKey("api", "tenant-" + tenant, "access-token"), minting);
            maxSize = Math.max(maxSize, cache.size());
        }
        System.out.println("100,000 tenants: at most " + maxSize + " entries held (bound " + bound + ")");
        assertTrue(maxSize <= bound, "held " + maxSize + " entries");
        assertEquals(100_000, minting.fetches.get());
    }

    @Test
    void theMostRecentlyUsedSurviveEviction() {
        CredentialCache cache = new CredentialCache(clock, Runnable::run, 100);
        Minting minting = new Minting();
        CredentialKey hot = new CredentialKey("api", "hot", "access-token");
        CachedCredential hotCredential = cache.get(hot, minting);
        for (int tenant = 0; tenant < 1_000; tenant++) {
            clock.advance(Duration.ofSeconds(2)); // lastUsed is kept with one-second resolution
            cache.get(new CredentialKey("api", "cold-" + tenant, "access-token"), minting);
            assertSame(hotCredential, cache.get(hot, minting), "the tenant in use was evicted");
        }
    }

    @Test
    void expiredEntriesAreEvictedFirst() {
        CredentialCache cache = new CredentialCache(clock, Runnable::run, 10);
        Minting minting = new Minting();
        for (int tenant = 0; tenant < 10; tenant++) {
            cache.get(new CredentialKey("api", "old-" + tenant, "access-token"), minting);
        }
        clock.advance(Duration.ofHours(2));
        cache.get(new CredentialKey("api", "new", "access-token"), minting);
        assertEquals(1, cache.size(), "expired entries should have been dropped");
    }

    @Test
    void underEvictionPressureThereIsNeverASecondFetchInFlightForOneKey() throws Exception {
        CredentialCache cache = new CredentialCache(clock, Runnable::run, 8);
        Map<CredentialKey, AtomicInteger> running = new java.util.concurrent.ConcurrentHashMap<>();
        AtomicInteger overlaps = new AtomicInteger();
        Minting minting = new Minting();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(32);
        try {
            java.util.List<java.util.concurrent.Future<?>> work = new java.util.ArrayList<>();
            for (int t = 0; t < 32; t++) {
                work.add(pool.submit(() -> {
                    java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
                    for (int i = 0; i < 2_000; i++) {
                        CredentialKey key = new CredentialKey("api", "t" + random.nextInt(20), "access-token");
                        cache.get(key, new CredentialCache.Fetch() {
                            @Override
                            public CachedCredential fetch(CachedCredential previous, boolean probe, long deadline) {
                                AtomicInteger r = running.computeIfAbsent(key, k -> new AtomicInteger());
                                if (r.incrementAndGet() > 1) {
                                    overlaps.incrementAndGet();
                                }
                                try {
                                    return minting.fetch(previous, probe, deadline);
                                } finally {
                                    r.decrementAndGet();
                                }
                            }

                            @Override
                            public Instant cooldownUntil(TollgateException failure, Instant now, int failures) {
                                return now;
                            }

                            @Override
                            public Duration timeout() {
                                return Duration.ofSeconds(30);
                            }

                            @Override
                            public ClientRef ref() {
                                return ClientRef.client("test");
                            }
                        });
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> f : work) {
                f.get(60, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.println("eviction stress: 64,000 gets over 20 keys, bound 8: " + minting.fetches.get() + " fetches, "
                + overlaps.get() + " overlapping");
        assertEquals(0, overlaps.get(), "two fetches ran at once for one key");
        assertTrue(cache.size() <= 8 + 32, "size " + cache.size());
    }

    /**
     * A fetch held by its endpoint (as one that trickles its answer would hold it) and with
     * {@code timeout} as its deadline; the test releases it when done.
     */
    private static class Held implements CredentialCache.Fetch {
        final java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        final java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        private final Duration timeout;
        Runnable onTimeout = () -> { };

        Held(Duration timeout) {
            this.timeout = timeout;
        }

        @Override
        public CachedCredential fetch(CachedCredential previous, boolean probe, long deadline) {
            started.countDown();
            try {
                release.await(SAFETY_NET_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new dev.tollgate.api.TokenAcquisitionException(ref(), "released by the test", null);
        }

        @Override
        public Instant cooldownUntil(TollgateException failure, Instant now, int failures) {
            return now;
        }

        @Override
        public Duration timeout() {
            onTimeout.run();
            return timeout;
        }

        @Override
        public ClientRef ref() {
            return ClientRef.client("test");
        }
    }

    private static final int SAFETY_NET_SECONDS = 20;

    /** Runs {@code call} on a thread of its own: what it returned or threw, or a failure after the safety net. */
    private static Object answerOf(java.util.concurrent.Callable<Object> call) throws Exception {
        java.util.concurrent.ExecutorService caller = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            return caller.submit(() -> {
                try {
                    return call.call();
                } catch (RuntimeException e) {
                    return e;
                }
            }).get(SAFETY_NET_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            return "still waiting after " + SAFETY_NET_SECONDS + " s";
        } finally {
            caller.shutdownNow();
        }
    }

    /**
     * Past the engine's fetch threads the executor refuses, and the fetch ran on the caller's own
     * thread: a held (trickling) endpoint then kept that caller past token-fetch-timeout.
     */
    @Test
    void aCallerWhoseFetchNoFetchThreadTakesStillStopsWaitingAtTheDeadline() throws Exception {
        java.util.concurrent.Executor busy = task -> {
            throw new java.util.concurrent.RejectedExecutionException("every fetch thread is busy");
        };
        CredentialCache cache = new CredentialCache(clock, busy, busy, 100);
        Held held = new Held(Duration.ofMillis(200));
        try {
            Object shared = answerOf(() -> cache.get(new CredentialKey("api", "", "access-token"), held));
            assertTrue(shared instanceof dev.tollgate.api.TokenAcquisitionException e && e.getMessage().contains("token-fetch-timeout"),
                    String.valueOf(shared));
            Object unshared = answerOf(() -> cache.fetchUnshared(held));
            assertTrue(unshared instanceof dev.tollgate.api.TokenAcquisitionException e && e.getMessage().contains("token-fetch-timeout"),
                    String.valueOf(unshared));
        } finally {
            held.release.countDown();
        }
    }

    /**
     * close() races a caller that has just found the cache open: the flight it starts after close
     * looked at the slots is answered by close all the same, not at the fetch's deadline.
     */
    @Test
    void aFlightStartedWhileTheCacheClosesIsAnsweredAtOnce() throws Exception {
        java.util.concurrent.ExecutorService fetchThreads = java.util.concurrent.Executors.newCachedThreadPool();
        CredentialCache cache = new CredentialCache(clock, fetchThreads, 100);
        Held held = new Held(Duration.ofSeconds(60)); // the deadline is far beyond the safety net
        held.onTimeout = () -> cache.close(ClientRef.client("*")); // close comes right after the caller's check
        try {
            Object answer = answerOf(() -> cache.get(new CredentialKey("api", "", "access-token"), held));
            assertTrue(answer instanceof dev.tollgate.api.TokenAcquisitionException e && e.getMessage().contains("closed"),
                    String.valueOf(answer));
        } finally {
            held.release.countDown();
            fetchThreads.shutdownNow();
        }
    }

    /**
     * A stale credential's refresh goes to the server's executor, which may be busy with other
     * work (here: it never gets to the task). Once the credential has expired, callers wait for that
     * refresh: they must not wait for a task nobody runs and then fail as if the endpoint were down.
     */
    @Test
    void aRefreshStuckInABusyExecutorDoesNotFailCallersOnceTheCredentialExpires() throws Exception {
        java.util.concurrent.ExecutorService fetchThreads = java.util.concurrent.Executors.newCachedThreadPool();
        List<Runnable> queued = new java.util.concurrent.CopyOnWriteArrayList<>();
        CredentialCache cache = new CredentialCache(clock, fetchThreads, queued::add, 100);
        CredentialKey key = new CredentialKey("api", "", "access-token");
        Minting minting = new Minting();
        try {
            cache.get(key, minting);
            clock.advance(Duration.ofMinutes(59)); // stale: its refresh is queued behind the executor's other work
            cache.get(key, minting);
            assertEquals(1, queued.size());
            clock.advance(Duration.ofMinutes(2)); // expired, the refresh still queued
            Object answer = answerOf(() -> cache.get(key, minting));
            assertTrue(answer instanceof CachedCredential c && !c.isExpiredAt(clock.instant()), String.valueOf(answer));
        } finally {
            fetchThreads.shutdownNow();
        }
    }

    /**
     * A fetch that no fetch thread takes runs on its caller's thread; an interrupt during its wait
     * to retry abandons it: the caller must keep its interrupt and learn that it was interrupted.
     */
    @Test
    void anInterruptedCallerOfAnUnsharedFetchKeepsItsInterrupt() throws Exception {
        java.util.concurrent.Executor busy = task -> {
            throw new java.util.concurrent.RejectedExecutionException("every fetch thread is busy");
        };
        CredentialCache cache = new CredentialCache(clock, busy, busy, 100);
        CredentialCache.Fetch waitsToRetry = new Held(Duration.ofSeconds(30)) {
            @Override
            public CachedCredential fetch(CachedCredential previous, boolean probe, long deadline) {
                try {
                    Thread.sleep(Duration.ofSeconds(SAFETY_NET_SECONDS).toMillis()); // as TokenFetcher waits between attempts
                } catch (InterruptedException e) {
                    throw new CredentialCache.Abandoned();
                }
                throw new IllegalStateException("the wait was not interrupted");
            }
        };
        Object answer = answerOf(() -> {
            Thread.currentThread().interrupt();
            try {
                return cache.fetchUnshared(waitsToRetry);
            } catch (RuntimeException e) {
                return e.getMessage() + " / interrupt kept: " + Thread.currentThread().isInterrupted();
            }
        });
        assertTrue(String.valueOf(answer).endsWith("interrupt kept: true"), String.valueOf(answer));
        assertTrue(String.valueOf(answer).contains("interrupted"), String.valueOf(answer));
    }
}
