package dev.tollgate.demo.sandbox;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * How long the sandbox's vendors let their tokens live, when the deployment's MicroProfile Config
 * says otherwise than the vendors do: {@value #ALL} for every expiring token (tests that want many
 * renewals in a short run), {@value #BILLING} for the billing client's OAuth2 tokens only (the
 * demo, so that a visitor watches one token turn stale and be renewed in the background while
 * the others keep the vendors' lifetimes). Each an ISO-8601 duration such as {@code PT30S}.
 *
 * @param all     unset: each vendor's own lifetime
 * @param billing the billing client's lifetime; {@code all} when unset
 */
record TokenLifetimes(Optional<Duration> all, Optional<Duration> billing) {

    static final String ALL = "sandbox.token-lifetime";
    static final String BILLING = "sandbox.billing.token-lifetime";

    /** @param config a key's value, as the deployment's configuration has it */
    static TokenLifetimes from(Function<String, Optional<String>> config) {
        Optional<Duration> all = config.apply(ALL).map(v -> parse(ALL, v));
        Optional<Duration> billing = config.apply(BILLING).map(v -> parse(BILLING, v));
        return new TokenLifetimes(all, billing.or(() -> all));
    }

    private static Duration parse(String key, String value) {
        try {
            Duration lifetime = Duration.parse(value.strip());
            if (lifetime.isNegative() || lifetime.isZero()) {
                throw new IllegalArgumentException(key + " must be a positive duration, not '" + value + "'");
            }
            return lifetime;
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(key + " must be an ISO-8601 duration such as PT30S, not '" + value + "'", e);
        }
    }
}
