package dev.tollgate.engine;

import dev.tollgate.spi.TenantSettings;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How a failing token endpoint is retried: at most {@code maxAttempts} requests per fetch,
 * exponential backoff with jitter between them, a {@code Retry-After} honoured when it fits
 * within the longest backoff, a deadline for the whole fetch, and after a failed fetch a cooldown
 * that grows with each failure in a row up to {@code cooldown}.
 */
record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration cooldown, Duration fetchTimeout) {

    static final String MAX_ATTEMPTS = "token-max-attempts";
    static final String BACKOFF = "token-retry-backoff";
    static final String MAX_BACKOFF = "token-retry-max-backoff";
    static final String COOLDOWN = "token-failure-cooldown";
    static final String FETCH_TIMEOUT = "token-fetch-timeout";

    static final Duration DEFAULT_FETCH_TIMEOUT = Duration.ofSeconds(30);
    /** The shortest first wait before a probe, whatever the backoff. */
    static final Duration FIRST_PROBE_STEP = Duration.ofMillis(100);
    /** The longest cooldown a {@code Retry-After} can ask for, unless {@code token-failure-cooldown} is longer. */
    static final Duration RETRY_AFTER_CEILING = Duration.ofHours(1);

    /**
     * Reads and checks every key, so that a typo fails deployment (which calls this through
     * validation) with the key's name, never a fetch.
     */
    static RetryPolicy from(TenantSettings settings) {
        int attempts = settings.get(MAX_ATTEMPTS).map(v -> parseAttempts(settings, v)).orElse(4);
        Duration initial = atMostADay(settings, BACKOFF, Duration.ofMillis(200));
        Duration max = atMostADay(settings, MAX_BACKOFF, Duration.ofSeconds(5));
        if (max.compareTo(initial) < 0) {
            throw settings.invalid(MAX_BACKOFF, "is shorter than " + settings.keyName(BACKOFF) + "; make it at least as long");
        }
        Duration cooldown = atMostADay(settings, COOLDOWN, Duration.ofSeconds(5));
        Duration timeout = atMostADay(settings, FETCH_TIMEOUT, DEFAULT_FETCH_TIMEOUT);
        if (timeout.isZero()) {
            throw settings.invalid(FETCH_TIMEOUT, "must be longer than zero");
        }
        return new RetryPolicy(attempts, initial, max, cooldown, timeout);
    }

    /** At most a day: beyond that the arithmetic of waits is no longer sane. */
    private static Duration atMostADay(TenantSettings settings, String key, Duration defaultValue) {
        Duration d = settings.duration(key, defaultValue);
        if (d.compareTo(Duration.ofDays(1)) > 0) {
            throw settings.invalid(key, "must be at most PT24H");
        }
        return d;
    }

    private static int parseAttempts(TenantSettings settings, String value) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1 && n <= 10) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw settings.invalid(MAX_ATTEMPTS, "must be a whole number from 1 to 10");
    }

    /**
     * The wait before attempt {@code attempt + 1}; {@code null} when the endpoint asked for a longer
     * wait than the longest backoff, so that retrying now would only hammer it.
     */
    Duration backoffAfter(int attempt, Duration retryAfter) {
        if (retryAfter != null && retryAfter.compareTo(maxBackoff) > 0) {
            return null;
        }
        Duration wait = jittered(Math.min(maxBackoff.toMillis(), doubled(initialBackoff, attempt - 1)));
        return retryAfter != null && retryAfter.compareTo(wait) > 0 ? retryAfter : wait;
    }

    /**
     * How long callers are refused after the {@code failures}-th failed fetch in a row before one
     * probe may call the endpoint: the backoff (at least {@link #FIRST_PROBE_STEP}, so that a zero
     * backoff cannot take the cooldown away) doubling per failure, capped by the cooldown; a longer
     * {@code Retry-After} wins, up to {@link #RETRY_AFTER_CEILING} (or the cooldown, when longer),
     * so that no endpoint, lying or misconfigured, can shut every caller out for good.
     */
    Duration cooldownAfter(int failures, Duration retryAfter) {
        Duration base = initialBackoff.compareTo(FIRST_PROBE_STEP) < 0 ? FIRST_PROBE_STEP : initialBackoff;
        Duration step = jittered(Math.min(cooldown.toMillis(), doubled(base, failures - 1)));
        if (retryAfter == null || retryAfter.compareTo(step) <= 0) {
            return step;
        }
        Duration ceiling = cooldown.compareTo(RETRY_AFTER_CEILING) > 0 ? cooldown : RETRY_AFTER_CEILING;
        return retryAfter.compareTo(ceiling) < 0 ? retryAfter : ceiling;
    }

    private static long doubled(Duration base, int times) {
        return base.toMillis() << Math.min(Math.max(times, 0), 20); // at most a day << 20: no overflow
    }

    /** Half to full, so that many callers (or servers) do not come back at the same instant. */
    private static Duration jittered(long ceiling) {
        return Duration.ofMillis(ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1));
    }
}
