package dev.tollgate.provider.bigcommerce.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tollgate.provider.bigcommerce.inbound.ReplayCache.Use;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReplayCacheTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void anIdIsRefusedUntilItsTimeThenForgotten() {
        ReplayCache cache = new ReplayCache(10);
        assertEquals(Use.FIRST, cache.firstUse("a", T0.plusSeconds(60), T0));
        assertEquals(Use.REPLAY, cache.firstUse("a", T0.plusSeconds(60), T0.plusSeconds(59)));
        assertEquals(Use.FIRST, cache.firstUse("b", T0.plusSeconds(120), T0.plusSeconds(60)), "at its time, a is forgotten");
        assertEquals(1, cache.size(), "the memory is given back");
        assertEquals(Use.FIRST, cache.firstUse("a", T0.plusSeconds(200), T0.plusSeconds(60)));
    }

    /** Full of live ids, it refuses a new one rather than forget a live one (which could then be replayed). */
    @Test
    void itHoldsAtMostItsCapacity() {
        ReplayCache cache = new ReplayCache(2);
        assertEquals(Use.FIRST, cache.firstUse("a", T0.plusSeconds(100), T0));
        assertEquals(Use.FIRST, cache.firstUse("b", T0.plusSeconds(50), T0));
        assertEquals(Use.FULL, cache.firstUse("c", T0.plusSeconds(100), T0.plusSeconds(10)));
        assertEquals(Use.REPLAY, cache.firstUse("a", T0.plusSeconds(100), T0.plusSeconds(10)), "still remembered");
        assertEquals(Use.FIRST, cache.firstUse("c", T0.plusSeconds(100), T0.plusSeconds(50)), "b's time is over");
        assertEquals(2, cache.size());
    }

    /** A request that did not do what it asked gives its id back: the same payload sent again is taken once more. */
    @Test
    void aForgottenIdIsTakenOnceMoreAndStillForgottenAtItsTime() {
        ReplayCache cache = new ReplayCache(10);
        assertEquals(Use.FIRST, cache.firstUse("a", T0.plusSeconds(60), T0));
        cache.forget("a");
        assertEquals(Use.FIRST, cache.firstUse("a", T0.plusSeconds(60), T0.plusSeconds(1)));
        assertEquals(Use.REPLAY, cache.firstUse("a", T0.plusSeconds(60), T0.plusSeconds(2)));
        assertEquals(Use.FIRST, cache.firstUse("b", T0.plusSeconds(120), T0.plusSeconds(60)));
        assertEquals(1, cache.size(), "a is forgotten at its time, however often it was recorded");
    }
}
