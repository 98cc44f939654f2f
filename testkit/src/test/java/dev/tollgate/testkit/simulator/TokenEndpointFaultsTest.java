package dev.tollgate.testkit.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.testkit.simulator.TokenEndpointFaults.Delay;
import dev.tollgate.testkit.simulator.TokenEndpointFaults.MalformedBody;
import dev.tollgate.testkit.simulator.TokenEndpointFaults.Status;
import dev.tollgate.testkit.simulator.TokenEndpointFaults.TooManyRequests;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.Optional;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/** Faults come out once each, in order; the sticky one wins until cleared. */
class TokenEndpointFaultsTest {

    static final IntFunction<Response> VENDOR_ERROR = status -> Response.status(status).entity("{\"vendor\":true}").build();

    @Test
    void scheduledFaultsAreUsedOnceEachInOrder() {
        TokenEndpointFaults faults = new TokenEndpointFaults()
                .status(500).tooManyRequests(null).delay(Duration.ZERO).malformedBody("nope");
        assertEquals(4, faults.pending());
        assertEquals(Optional.of(new Status(500)), faults.next());
        assertEquals(Optional.of(new TooManyRequests(null)), faults.next());
        assertEquals(Optional.of(new Delay(Duration.ZERO)), faults.next());
        assertEquals(Optional.of(new MalformedBody("nope")), faults.next());
        assertEquals(Optional.empty(), faults.next());
    }

    @Test
    void failAlwaysWinsOverTheQueueUntilCleared() {
        TokenEndpointFaults faults = new TokenEndpointFaults().status(400).failAlways(503);
        assertEquals(Optional.of(new Status(503)), faults.next());
        assertEquals(Optional.of(new Status(503)), faults.next());
        assertEquals(1, faults.pending());
        faults.clear();
        assertEquals(Optional.empty(), faults.next());
    }

    @Test
    void answersKeepTheVendorShapeAndRoundRetryAfterUp() {
        Response status = TokenEndpointFaults.answer(new Status(502), VENDOR_ERROR).orElseThrow();
        assertEquals(502, status.getStatus());
        assertEquals("{\"vendor\":true}", status.getEntity());
        Response limited = TokenEndpointFaults.answer(new TooManyRequests(Duration.ofMillis(1500)), VENDOR_ERROR).orElseThrow();
        assertEquals(429, limited.getStatus());
        assertEquals("2", limited.getHeaderString("Retry-After"));
        assertEquals("{\"vendor\":true}", limited.getEntity());
        assertTrue(TokenEndpointFaults.answer(new Delay(Duration.ZERO), VENDOR_ERROR).isEmpty());
        Response malformed = TokenEndpointFaults.answer(new MalformedBody("{"), VENDOR_ERROR).orElseThrow();
        assertEquals(200, malformed.getStatus());
        assertEquals("{", malformed.getEntity());
    }

    @Test
    void nonsenseIsRefusedWhenScheduled() {
        TokenEndpointFaults faults = new TokenEndpointFaults();
        assertThrows(IllegalArgumentException.class, () -> faults.status(200));
        assertThrows(IllegalArgumentException.class, () -> faults.failAlways(302));
        assertThrows(IllegalArgumentException.class, () -> faults.delay(Duration.ofSeconds(-1)));
        assertThrows(NullPointerException.class, () -> faults.malformedBody(null));
    }
}
