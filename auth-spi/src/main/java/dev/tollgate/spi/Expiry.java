package dev.tollgate.spi;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Reads the expiry formats vendors use: epoch seconds, ISO-8601 strings, lifetimes in seconds. */
public final class Expiry {

    private Expiry() {
    }

    public static Instant epochSeconds(Long seconds, String field) {
        if (seconds == null || seconds <= 0) {
            throw TokenEndpointException.invalidResponse("'" + field + "' is missing or not a time");
        }
        return Instant.ofEpochSecond(seconds);
    }

    public static Instant iso(String value, String field) {
        if (value == null || value.isBlank()) {
            throw TokenEndpointException.invalidResponse("'" + field + "' is missing");
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw TokenEndpointException.invalidResponse("'" + field + "' is not an ISO-8601 instant");
        }
    }

    /** {@code expires_in} style: seconds from now. */
    public static Instant in(Clock clock, Long seconds, String field) {
        if (seconds == null || seconds <= 0) {
            throw TokenEndpointException.invalidResponse("'" + field + "' is missing or not positive");
        }
        return clock.instant().plusSeconds(seconds);
    }

    /** A token value from a response: present, and not blank. */
    public static Secret token(String value, String field) {
        if (value == null || value.isBlank()) {
            throw TokenEndpointException.invalidResponse("'" + field + "' is missing");
        }
        return Secret.of(value);
    }
}
