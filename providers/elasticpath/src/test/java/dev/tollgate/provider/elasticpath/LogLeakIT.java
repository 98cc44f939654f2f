package dev.tollgate.provider.elasticpath;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tollgate.testkit.log.CapturedLogCheck;
import dev.tollgate.testkit.simulator.elasticpath.ElasticPathFixture;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Runs after the unit tests (failsafe) and reads the log they wrote: no secret or password in it. */
class LogLeakIT {

    @Test
    void theWholeTestRunLoggedNoSecret() throws Exception {
        List<String> secrets = new ArrayList<>(ElasticPathFixture.secrets());
        secrets.addAll(List.of("another-long-passphrase-2", "wrong-password-123", "attacker-guess-1"));
        for (int i = 0; i < 8; i++) {
            secrets.add(ElasticPathProviderTest.shopperPassword(i));
        }
        assertEquals(List.of(), CapturedLogCheck.scan(secrets, "obtained access-token Credential[****"));
    }
}
