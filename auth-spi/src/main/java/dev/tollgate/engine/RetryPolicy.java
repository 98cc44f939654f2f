package dev.tollgate.engine;

import dev.tollgate.spi.TenantSettings;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How a failing token endpoint is retried: at most {@code maxAttempts} requests per fetch,
 * exponential backoff with jitter between them, a {@code Retry-After} honoured when it fits
 * within the longest backoff, and a cooldown after a failed fetch during which callers are not
 * allowed to call the endpoint again.
 */
record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration cooldown) {

    static final String MAX_ATTEMPTS = "token-max-attempts";
    static final String BACKOFF = "token-retry-backoff";
    static final String MAX_BACKOFF = "token-retry-max-backoff";
    static final String COOLDOWN = "token-failure-cooldown";

    static RetryPolicy from(TenantSettings settings) {
        int attempts = settings.get(MAX_ATTEMPTS).map(v -> parseAttempts(settings, v)).orElse(4);
        Duration initial = settings.duration(BACKOFF, Duration.ofMillis(200));
        Duration max = settings.duration(MAX_BACKOFF, Duration.ofSeconds(5));
        Duration cooldown = settings.duration(COOLDOWN, Duration.ofSeconds(5));
        return new RetryPolicy(attempts, initial, max, cooldown);
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
        long ceiling = Math.min(maxBackoff.toMillis(), initialBackoff.toMillis() << Math.min(attempt - 1, 20));
        long jittered = ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
        Duration wait = Duration.ofMillis(jittered);
        return retryAfter != null && retryAfter.compareTo(wait) > 0 ? retryAfter : wait;
    }
}
