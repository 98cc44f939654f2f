package dev.tollgate.demo.it.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TokenBandTest {

    private static final Duration RUN = Duration.ofSeconds(30);

    @Test
    void sixSecondTokensRenewedAtHalfLifeForThirtySecondsAllowFourToThirteenRequests() {
        TokenBand band = TokenBand.of(RUN, Duration.ofMillis(31_000), Duration.ofSeconds(6), Duration.ofMinutes(1));
        assertEquals(new TokenBand(4, 13), band);
        assertTrue(band.contains(10), "one renewal every 3 s");
        assertFalse(band.contains(3), "a gap: some call must have carried an expired token");
        assertFalse(band.contains(14), "a storm");
    }

    @Test
    void aTokenThatOutlivesTheRunIsRenewedAtMostOnce() {
        assertEquals(new TokenBand(0, 1), TokenBand.of(RUN, RUN, Duration.ofDays(1), Duration.ofMinutes(1)));
    }

    @Test
    void aRefreshBeforeShorterThanHalfTheLifetimeKeepsTokensFreshLonger() {
        // fresh for 59 s - 10 s = 49 s: one renewal at most in 30 s, none required
        assertEquals(new TokenBand(0, 1), TokenBand.of(RUN, RUN, Duration.ofMinutes(1), Duration.ofSeconds(10)));
    }
}
