package dev.tollgate.provider.bigcommerce.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tollgate.testkit.log.CapturedLogCheck;
import dev.tollgate.testkit.simulator.bigcommerce.BigCommerceFixture;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs after the unit tests (failsafe): no app client secret (the HS256 key of every JWT), Tax
 * Provider password or store token in the log of a run that refused and accepted callbacks.
 */
class LogLeakIT {

    @Test
    void theWholeTestRunLoggedNoSecret() throws Exception {
        List<String> secrets = new ArrayList<>(BigCommerceFixture.secrets());
        secrets.add(BigCommerceJwtTest.CLIENT_SECRET);
        secrets.add("tax-provider-pass-7Hq2");
        assertEquals(List.of(), CapturedLogCheck.scan(secrets, "a JWT said to come from BigCommerce was refused"));
    }
}
