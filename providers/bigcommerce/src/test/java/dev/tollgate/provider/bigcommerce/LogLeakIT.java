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
        List<String> secrets = new java.util.ArrayList<>(BigCommerceFixture.secrets());
        secrets.add(BigCommerceJwtTest.CLIENT_SECRET);
        secrets.add("tax-provider-pass-7Hq2");
        assertEquals(List.of(), CapturedLogCheck.scan(secrets, "obtained access-token Credential[****"));
    }
}
