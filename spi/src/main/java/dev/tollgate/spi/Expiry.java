package dev.tollgate.spi;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the expiry formats vendors use: epoch seconds, ISO-8601 strings, lifetimes in seconds.
 * An expiry after {@link #LATEST} is no expiry a server means (epoch milliseconds read as
 * seconds, a lifetime near {@code Long.MAX_VALUE}): the answer is reported as unusable.
 */
public final class Expiry {

    /** The last instant an expiry may name: the end of the year 9999, the last one ISO-8601 writes with four digits. */
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    /**
     * The ISO-8601 variants servers send: a date, {@code T} or a space (or lower-case {@code t}),
     * hours and minutes, optional seconds with an optional fraction of up to nine digits, and an
     * optional zone: {@code Z}, {@code UTC}, {@code GMT}, {@code +01:00}, {@code +0100} or {@code +01}.
     * No zone means UTC (some .NET servers leave it out of UTC times).
     */
    private static final Pattern ISO = Pattern.compile(
            "(\\d{4}-\\d{2}-\\d{2})[Tt ](\\d{2}:\\d{2})(:\\d{2}(?:[.,]\\d{1,9})?)?"
                    + "\\s*(?:([Zz]|UTC|GMT)|([+-]\\d{2})(?::?(\\d{2}))?)?");

    private static final DateTimeFormatter NORMALISED = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE).appendLiteral('T')
            .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':').appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2)
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .toFormatter(Locale.ROOT).withResolverStyle(ResolverStyle.STRICT); // 2026-02-30 is an error, not 02-28

    private Expiry() {
    }

    public static Instant epochSeconds(Long seconds, String field) {
        if (seconds == null || seconds <= 0) {
            throw TokenEndpointException.invalidResponse("'" + field + "' is missing or not a time");
        }
        if (seconds > LATEST.getEpochSecond()) {
            throw TokenEndpointException.invalidResponse("'" + field + "' is after the year 9999 in epoch seconds"
                    + " (milliseconds, perhaps)");
        }
        return Instant.ofEpochSecond(seconds);
    }

    /** An ISO-8601 date and time: 2026-12-04T12:00:00Z and the variants servers send (see {@code ISO} above). */
    public static Instant iso(String value, String field) {
        if (value == null || value.isBlank()) {
            throw TokenEndpointException.invalidResponse("'" + field + "' is missing");
        }
        Matcher m = ISO.matcher(value.trim());
        if (!m.matches()) {
            throw TokenEndpointException.invalidResponse("'" + field + "' is not an ISO-8601 date and time");
        }
        String seconds = m.group(3) == null ? ":00" : m.group(3).replace(',', '.');
        try {
            LocalDateTime local = LocalDateTime.parse(m.group(1) + "T" + m.group(2) + seconds, NORMALISED);
            if (m.group(5) == null) {
                return local.toInstant(ZoneOffset.UTC); // Z, UTC, GMT or no zone at all
            }
            int sign = m.group(5).startsWith("-") ? -1 : 1;
            int hours = Integer.parseInt(m.group(5).substring(1));
            int minutes = m.group(6) == null ? 0 : Integer.parseInt(m.group(6));
            return OffsetDateTime.of(local, ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes)).toInstant();
        } catch (DateTimeException e) {
            // 2026-02-30, 25:00, +19:00: the shape is right, the values are not
            throw TokenEndpointException.invalidResponse("'" + field + "' is not a valid date and time");
        }
    }

    /** {@code expires_in} style: seconds from now. */
    public static Instant in(Clock clock, Long seconds, String field) {
        if (seconds == null || seconds <= 0) {
            throw TokenEndpointException.invalidResponse("'" + field + "' is missing or not positive");
        }
        Instant now = clock.instant();
        if (seconds > LATEST.getEpochSecond() - now.getEpochSecond()) {
            throw TokenEndpointException.invalidResponse("'" + field + "' ends after the year 9999;"
                    + " no token lives that long");
        }
        return now.plusSeconds(seconds);
    }

    /** A token value from a response: present, and not blank. */
    public static Secret token(String value, String field) {
        if (value == null || value.isBlank()) {
            throw TokenEndpointException.invalidResponse("'" + field + "' is missing");
        }
        return Secret.of(value);
    }
}
