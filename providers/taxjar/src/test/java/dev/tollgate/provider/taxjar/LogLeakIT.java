package dev.tollgate.provider.taxjar;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tollgate.testkit.log.CapturedLogCheck;
import dev.tollgate.testkit.simulator.taxjar.TaxJarFixture;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs after the unit tests (failsafe) and reads the log they wrote, Tollgate at FINEST and
 * Jersey at FINE: not one token may be in it.
 */
class LogLeakIT {

    /** Tokens the unit tests configure besides the fixture's. */
    private static final List<String> TEST_TOKENS = List.of(
            "5f4dcc3b5aa765d61d8327deb882cf99", "0000aaaa1111bbbb2222cccc3333dddd", "ffffeeeeddddccccbbbbaaaa99998888");

    @Test
    void theWholeTestRunLoggedNoToken() throws Exception {
        List<String> secrets = new ArrayList<>(TaxJarFixture.secrets());
        secrets.addAll(TEST_TOKENS);
        assertEquals(List.of(), CapturedLogCheck.scan(secrets, "obtained api-token Credential[****"));
    }
}
