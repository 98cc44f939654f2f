package dev.tollgate.spi;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
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
            try {
                // a .NET server may leave the zone out of a UTC time (2024-09-15T12:28:18.789)
                return LocalDateTime.parse(value.trim()).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException again) {
                throw TokenEndpointException.invalidResponse("'" + field + "' is not an ISO-8601 instant");
            }
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
