package dev.tollgate.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tollgate.testkit.log.CapturedLogCheck;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Runs after the unit tests (failsafe) and reads the log they wrote: no token may be in it. */
class LogLeakIT {

    @Test
    void theWholeTestRunLoggedNoToken() throws Exception {
        List<String> secrets = List.of(TollgateEngineTest.TOKEN, "cdi-test-token-0b7e", "app-secret-value",
                "client-level-token", "abc123secret", "do-not-show-me");
        assertEquals(List.of(), CapturedLogCheck.scan(secrets, "obtained token Credential[****"));
    }
}
