package dev.tollgate.testkit.log;

import dev.tollgate.testkit.simulator.bigcommerce.BigCommerceFixture;
import dev.tollgate.testkit.simulator.elasticpath.ElasticPathFixture;
import dev.tollgate.testkit.simulator.oauth2.OAuth2Fixture;
import dev.tollgate.testkit.simulator.sila.SilaFixture;
import dev.tollgate.testkit.simulator.taxizer.TaxizerFixture;
import dev.tollgate.testkit.simulator.taxjar.TaxJarFixture;
import java.util.ArrayList;
import java.util.List;

/** The secrets of every simulator's fixture: whichever module a test is in, none may be logged. */
public final class KnownSecrets {

    private KnownSecrets() {
    }

    public static List<String> all() {
        List<String> all = new ArrayList<>(TaxJarFixture.secrets());
        all.addAll(OAuth2Fixture.secrets());
        all.addAll(SilaFixture.secrets());
        all.addAll(ElasticPathFixture.secrets());
        all.addAll(TaxizerFixture.secrets());
        all.addAll(BigCommerceFixture.secrets());
        return all;
    }
}
