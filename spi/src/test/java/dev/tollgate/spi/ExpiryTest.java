package dev.tollgate.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The expiry formats servers send, and the answers no server means. */
class ExpiryTest {

    private static final Instant NOON = Instant.parse("2026-12-04T12:00:00Z");

    @Test
    void theIso8601VariantsServersSendAreRead() {
        String[] noon = {
            "2026-12-04T12:00:00Z", "2026-12-04T12:00:00.000Z", "2026-12-04T12:00:00.000000000Z",
            "2026-12-04T12:00:00+00:00", "2026-12-04T12:00:00+0000", "2026-12-04T12:00:00+00",
            "2026-12-04T13:00:00+01:00", "2026-12-04T13:30:00+0130", "2026-12-04T07:00:00-05",
            "2026-12-04T06:30:00-05:30", "2026-12-04T11:30:00-00:30",
            "2026-12-04T12:00Z", "2026-12-04T12:00", "2026-12-04T13:00+01:00",
            "2026-12-04 12:00:00", "2026-12-04 12:00:00Z", "2026-12-04 12:00:00 +0000", "2026-12-04 12:00:00 UTC",
            "2026-12-04 12:00:00 GMT", "2026-12-04t12:00:00z", "  2026-12-04T12:00:00Z  ", "2026-12-04T12:00:00,0Z",
        };
        for (String value : noon) {
            assertEquals(NOON, Expiry.iso(value, "expires"), value);
        }
        assertEquals(Instant.parse("2024-09-15T12:28:18.789Z"), Expiry.iso("2024-09-15 12:28:18.789", "x"));
    }

    @Test
    void whatIsNoIso8601DateAndTimeIsAnUnusableAnswerThatQuotesNothing() {
        for (String value : new String[] {"tomorrow", "2026-12-04", "12:00:00Z", "2026-12-04T12", "2026-02-30T12:00:00Z",
                "2026-12-04T25:00:00Z", "2026-12-04T12:00:00+19:00", "2026-12-04T12:00:00 Europe/Paris", "20261204T120000Z"}) {
            TokenEndpointException e = assertThrows(TokenEndpointException.class, () -> Expiry.iso(value, "expires"), value);
            assertEquals(TokenEndpointException.Kind.INVALID_RESPONSE, e.kind());
            assertTrue(e.getMessage().startsWith("the token endpoint's answer is not usable: 'expires' is not"), e.getMessage());
            assertTrue(!e.getMessage().contains(value.trim()), e.getMessage());
        }
    }

    @Test
    void anAbsurdLifetimeIsAnUnusableAnswerNotAnOverflow() {
        Clock clock = Clock.fixed(NOON, ZoneOffset.UTC);
        for (long seconds : new long[] {Long.MAX_VALUE, Long.MAX_VALUE / 1000, 31556889864403199L, 300_000_000_000L}) {
            TokenEndpointException e = assertThrows(TokenEndpointException.class, () -> Expiry.in(clock, seconds, "expires_in"));
            assertEquals(TokenEndpointException.Kind.INVALID_RESPONSE, e.kind());
            assertEquals("the token endpoint's answer is not usable: 'expires_in' ends after the year 9999;"
                    + " no token lives that long", e.getMessage());
        }
        assertEquals(NOON.plusSeconds(3600), Expiry.in(clock, 3600L, "expires_in"));
        Instant latest = Instant.parse("9999-12-31T23:59:59Z");
        assertEquals(latest, Expiry.in(clock, latest.getEpochSecond() - NOON.getEpochSecond(), "expires_in"));
    }

    @Test
    void epochMillisecondsOrAnEpochBeyondTheYear9999AreUnusable() {
        for (long value : new long[] {1_796_400_000_000L, Long.MAX_VALUE}) {
            TokenEndpointException e = assertThrows(TokenEndpointException.class, () -> Expiry.epochSeconds(value, "expires"));
            assertEquals(TokenEndpointException.Kind.INVALID_RESPONSE, e.kind());
            assertTrue(e.getMessage().contains("'expires' is after the year 9999"), e.getMessage());
        }
        assertEquals(Instant.ofEpochSecond(1_796_400_000L), Expiry.epochSeconds(1_796_400_000L, "expires"));
    }
}
