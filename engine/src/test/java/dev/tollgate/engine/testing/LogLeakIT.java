package dev.tollgate.engine.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tollgate.testkit.log.CapturedLogCheck;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The one log-leak scan. It runs after the unit tests (failsafe) in every module that uses this
 * harness (the parent POM's {@code dependenciesToScan}), and reads the log they wrote, Tollgate at
 * FINEST and Jersey at FINE: not one piece of any secret the fixtures hold or the tests configured,
 * and of no token the simulators issued, may be in it.
 */
class LogLeakIT {

    @Test
    void theWholeTestRunLoggedNoSecret() throws Exception {
        assertEquals(List.of(), CapturedLogCheck.scanWholeRun());
    }
}
