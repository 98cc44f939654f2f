package dev.tollgate.provider.bigcommerce;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tollgate.testkit.log.CapturedLogCheck;
import dev.tollgate.testkit.simulator.bigcommerce.BigCommerceFixture;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Runs after the unit tests (failsafe): no store token, storefront token or payment token in the run's log. */
class LogLeakIT {

    @Test
    void theWholeTestRunLoggedNoSecret() throws Exception {
        assertEquals(List.of(), CapturedLogCheck.scan(BigCommerceFixture.secrets(), "obtained access-token Credential[****"));
    }
}
