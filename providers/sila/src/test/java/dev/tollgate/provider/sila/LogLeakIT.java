package dev.tollgate.provider.sila;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tollgate.testkit.log.CapturedLogCheck;
import dev.tollgate.testkit.simulator.sila.SilaFixture;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Runs after the unit tests (failsafe) and reads the log they wrote: no client secret in it. */
class LogLeakIT {

    @Test
    void theWholeTestRunLoggedNoSecret() throws Exception {
        assertEquals(List.of(), CapturedLogCheck.scan(SilaFixture.secrets(), "obtained access-token Credential[****"));
    }
}
