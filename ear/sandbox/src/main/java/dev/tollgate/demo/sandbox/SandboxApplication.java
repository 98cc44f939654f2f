package dev.tollgate.demo.sandbox;

import dev.tollgate.testkit.http.RequestJournal;
import dev.tollgate.testkit.simulator.bigcommerce.BigCommerceSimulator;
import dev.tollgate.testkit.simulator.elasticpath.ElasticPathSimulator;
import dev.tollgate.testkit.simulator.elasticpath.ElasticPathStores;
import dev.tollgate.testkit.simulator.oauth2.OAuth2Clients;
import dev.tollgate.testkit.simulator.oauth2.OAuth2Simulator;
import dev.tollgate.testkit.simulator.sila.SilaApps;
import dev.tollgate.testkit.simulator.sila.SilaSimulator;
import dev.tollgate.testkit.simulator.taxizer.TaxizerSimulator;
import dev.tollgate.testkit.simulator.taxjar.TaxJarAccounts;
import dev.tollgate.testkit.simulator.taxjar.TaxJarSimulator;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;

/**
 * Every vendor simulator, one instance each for the life of the deployment (their accounts,
 * issued tokens and counters are state), on the server's real clock:
 * {@code /sandbox/taxjar/sandbox/v2}, {@code /sandbox/sila/sandbox/0.2},
 * {@code /sandbox/elasticpath/useast}, {@code /sandbox/oauth2}, {@code /sandbox/taxizer},
 * {@code /sandbox/bigcommerce/{api,payments,storefront}}, and {@code /sandbox/stats} (token requests per vendor).
 */
@ApplicationPath("/")
public class SandboxApplication extends Application {

    /** Taxizer JWTs live five minutes here, so the demo shows refreshes with the rotating refresh token. */
    static final Duration TAXIZER_JWT_LIFETIME = Duration.ofMinutes(5);
    static final Duration TAXIZER_REFRESH_LIFETIME = Duration.ofHours(12);

    private final Set<Object> simulators;

    public SandboxApplication() {
        Clock clock = Clock.systemUTC();
        RequestJournal journal = new RequestJournal();
        SilaSimulator sila = new SilaSimulator(SilaApps.standard(), clock, journal);
        ElasticPathSimulator elasticPath = new ElasticPathSimulator(ElasticPathStores.standard(), clock, journal);
        OAuth2Simulator oauth2 = new OAuth2Simulator(OAuth2Clients.standard(), clock, journal);
        TaxizerSimulator taxizer = new TaxizerSimulator(clock, journal, TAXIZER_JWT_LIFETIME, TAXIZER_REFRESH_LIFETIME);
        BigCommerceSimulator bigCommerce = new BigCommerceSimulator(clock, journal);
        simulators = Set.of(new TaxJarSimulator(TaxJarAccounts.standard(), journal), sila, elasticPath, oauth2, taxizer,
                new SandboxBigCommerce(bigCommerce), new SandboxStats(sila, elasticPath, oauth2, taxizer, bigCommerce));
    }

    @Override
    @SuppressWarnings("deprecation") // singletons: the simulators' state must outlive a request
    public Set<Object> getSingletons() {
        return simulators;
    }
}
