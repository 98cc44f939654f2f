package dev.tollgate.provider.oauth2;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tollgate.testkit.log.CapturedLogCheck;
import dev.tollgate.testkit.simulator.oauth2.OAuth2Fixture;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Runs after the unit tests (failsafe) and reads the log they wrote: no client secret in it. */
class LogLeakIT {

    @Test
    void theWholeTestRunLoggedNoSecret() throws Exception {
        assertEquals(List.of(), CapturedLogCheck.scan(OAuth2Fixture.secrets(), "obtained access-token Credential[****"));
    }
}
