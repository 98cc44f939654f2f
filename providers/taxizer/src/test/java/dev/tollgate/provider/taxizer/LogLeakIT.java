package dev.tollgate.provider.taxizer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tollgate.testkit.log.CapturedLogCheck;
import dev.tollgate.testkit.simulator.taxizer.TaxizerFixture;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Runs after the unit tests (failsafe): no client secret, JWT or refresh token in the run's log. */
class LogLeakIT {

    @Test
    void theWholeTestRunLoggedNoSecret() throws Exception {
        assertEquals(List.of(), CapturedLogCheck.scan(TaxizerFixture.secrets(), "obtained access-token Credential[****"));
    }
}
