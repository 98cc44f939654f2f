package dev.tollgate.provider.bigcommerce.inbound;

import dev.tollgate.spi.TenantSettings;
import java.time.Duration;

/**
 * The client's settings for verifying BigCommerce's JWTs: {@code jwt-leeway} (clock difference
 * tolerated on {@code exp}, {@code nbf} and {@code iat}, default 30 seconds),
 * {@code jwt-max-lifetime} (the longest {@code exp - iat} accepted, default 24 hours, the
 * lifetime BigCommerce gives a callback's signed payload) and {@code jwt-replay-capacity} (how
 * many callback JWT ids are remembered at most while they could still be replayed, default 10000).
 */
record JwtRules(Duration leeway, Duration maxLifetime, int replayCapacity) {

    static final String LEEWAY = "jwt-leeway";
    static final String MAX_LIFETIME = "jwt-max-lifetime";
    static final String REPLAY_CAPACITY = "jwt-replay-capacity";

    static final Duration DEFAULT_LEEWAY = Duration.ofSeconds(30);
    static final Duration DEFAULT_MAX_LIFETIME = Duration.ofHours(24);
    static final int DEFAULT_REPLAY_CAPACITY = 10_000;

    static JwtRules from(TenantSettings app) {
        Duration leeway = app.duration(LEEWAY, DEFAULT_LEEWAY);
        if (leeway.isNegative() || leeway.compareTo(Duration.ofMinutes(5)) > 0) {
            throw app.invalid(LEEWAY, "must be between PT0S and PT5M");
        }
        Duration maxLifetime = app.duration(MAX_LIFETIME, DEFAULT_MAX_LIFETIME);
        if (maxLifetime.compareTo(Duration.ofSeconds(1)) < 0 || maxLifetime.compareTo(Duration.ofDays(7)) > 0) {
            throw app.invalid(MAX_LIFETIME, "must be between PT1S and P7D (BigCommerce's signed payloads live 24 hours)");
        }
        int capacity;
        try {
            capacity = Integer.parseInt(app.get(REPLAY_CAPACITY).map(String::trim).orElse(String.valueOf(DEFAULT_REPLAY_CAPACITY)));
        } catch (NumberFormatException e) {
            throw app.invalid(REPLAY_CAPACITY, "must be a whole number");
        }
        if (capacity < 1 || capacity > 10_000_000) {
            throw app.invalid(REPLAY_CAPACITY, "must be between 1 and 10000000");
        }
        return new JwtRules(leeway, maxLifetime, capacity);
    }
}
