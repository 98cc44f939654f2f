package dev.tollgate.suites;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tollgate.testkit.log.CapturedLogCheck;
import dev.tollgate.testkit.simulator.elasticpath.ElasticPathFixture;
import dev.tollgate.testkit.simulator.oauth2.OAuth2Fixture;
import dev.tollgate.testkit.simulator.sila.SilaFixture;
import dev.tollgate.testkit.simulator.taxizer.TaxizerFixture;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** After the suites (failsafe): no client secret and no issued token in anything they logged. */
class LogLeakIT {

    @Test
    void theSuitesLoggedNoSecret() throws Exception {
        List<String> secrets = new ArrayList<>(SilaFixture.secrets());
        secrets.addAll(ElasticPathFixture.secrets());
        secrets.addAll(TaxizerFixture.secrets());
        secrets.addAll(OAuth2Fixture.secrets());
        secrets.addAll(dev.tollgate.testkit.simulator.bigcommerce.BigCommerceFixture.secrets());
        assertEquals(List.of(), CapturedLogCheck.scan(secrets, "obtained access-token Credential[****"));
    }
}
