package dev.tollgate.demo.it.load;

import java.time.Duration;

/**
 * How many token requests a vendor should answer while a client calls it without pause, for
 * tokens that live {@code lifetime}, when Tollgate renews them {@code refreshBefore} ahead of
 * expiry (at most half the lifetime, as the engine caps it).
 * <ul>
 *   <li><b>At least</b> {@code ceil(calling / lifetime) - 1}: every call during the run carried a live
 *       token (the sandbox counts any that did not), each token lives at most {@code lifetime}, so
 *       the calling time needs that many tokens; the one fetched before the run covers its start.
 *       Fewer means a call went out with an expired token or none.</li>
 *   <li><b>At most</b> {@code floor(window / fresh) + 1}: a token is fresh, and never renewed, for
 *       {@code fresh = seen - min(refreshBefore, seen / 2)}, where {@code seen = lifetime - 1 s}
 *       (vendors give expiries in whole seconds, so Tollgate may see up to a second less); then
 *       exactly one renewal runs (single flight), so the window holds one renewal per fresh
 *       period, plus one due as it starts. More means a storm.</li>
 * </ul>
 * With a 6-second lifetime and 30 s of calls: fresh 2.5 s, so 4 to 13 requests (about 10 expected:
 * one every 3 s).
 *
 * @param calling the time the clients called without pause
 * @param window  the time between the two readings of the vendor's count (at least {@code calling})
 */
public record TokenBand(long min, long max) {

    public static TokenBand of(Duration calling, Duration window, Duration lifetime, Duration refreshBefore) {
        long min = Math.max(0, ceilDiv(calling.toNanos(), lifetime.toNanos()) - 1);
        Duration seen = lifetime.minusSeconds(1);
        Duration half = seen.dividedBy(2);
        Duration fresh = seen.minus(refreshBefore.compareTo(half) > 0 ? half : refreshBefore);
        long max = window.toNanos() / fresh.toNanos() + 1;
        return new TokenBand(min, max);
    }

    public boolean contains(long requests) {
        return requests >= min && requests <= max;
    }

    @Override
    public String toString() {
        return "[" + min + ", " + max + "]";
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }
}
