package dev.tollgate.demo.sandbox;

import dev.tollgate.testkit.http.RequestJournal;
import dev.tollgate.testkit.simulator.bigcommerce.BigCommerceSimulator;
import dev.tollgate.testkit.simulator.elasticpath.ElasticPathSimulator;
import dev.tollgate.testkit.simulator.elasticpath.ElasticPathStores;
import dev.tollgate.testkit.simulator.oauth2.OAuth2Clients;
import dev.tollgate.testkit.simulator.oauth2.OAuth2Fixture;
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
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Every vendor simulator, one instance each for the life of the deployment (their accounts,
 * issued tokens and counters are state), on the server's real clock:
 * {@code /sandbox/taxjar/sandbox/v2}, {@code /sandbox/sila/sandbox/0.2},
 * {@code /sandbox/elasticpath/useast}, {@code /sandbox/oauth2}, {@code /sandbox/taxizer},
 * {@code /sandbox/bigcommerce/{api,payments,storefront}}, {@code /sandbox/taxjar-app/sign_up} (TaxJar's
 * sign-up: issues a sandbox API token), {@code /sandbox/bigcommerce/control-panel} (BigCommerce's
 * control panel: installs the demo app on new stores and uninstalls it), and {@code /sandbox/stats}
 * (token requests per vendor; {@code /sandbox/stats/refused}: requests refused for their credential;
 * {@code /sandbox/stats/bigcommerce/stores/{hash}}: the API requests one store received).
 * <p>
 * Tokens live as long as at each vendor, unless the deployment's MicroProfile Config sets
 * {@value TokenLifetimes#ALL} (an ISO-8601 duration such as {@code PT6S}): then Sila's, Elastic Path's
 * access tokens, the billing client's OAuth2 tokens and Taxizer's JWTs live that long, so that a
 * test sees many renewals in a short run; or {@value TokenLifetimes#BILLING}, for the billing
 * client's OAuth2 tokens only ({@code ear/run-demo.sh} sets it, so that the demo page shows one
 * token renewed in the background).
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
        TokenLifetimes lifetimes = TokenLifetimes.from(key -> ConfigProvider.getConfig().getOptionalValue(key, String.class));
        Optional<Duration> lifetime = lifetimes.all();
        SilaSimulator sila = lifetime.map(l -> new SilaSimulator(SilaApps.standard(), clock, journal, l))
                .orElseGet(() -> new SilaSimulator(SilaApps.standard(), clock, journal));
        ElasticPathSimulator elasticPath = lifetime
                .map(l -> new ElasticPathSimulator(ElasticPathStores.standard(), clock, journal, l))
                .orElseGet(() -> new ElasticPathSimulator(ElasticPathStores.standard(), clock, journal));
        OAuth2Simulator oauth2 = new OAuth2Simulator(oauth2Clients(lifetimes.billing()), clock, journal);
        TaxizerSimulator taxizer = new TaxizerSimulator(clock, journal, lifetime.orElse(TAXIZER_JWT_LIFETIME),
                TAXIZER_REFRESH_LIFETIME);
        BigCommerceSimulator bigCommerce = new BigCommerceSimulator(clock, journal);
        RefusedCredentials refused = new RefusedCredentials();
        // the API and the sign-up page share TaxJar's accounts: a token signed up for works at once
        TaxJarAccounts taxJarAccounts = TaxJarAccounts.standard();
        simulators = Set.of(new TaxJarSimulator(taxJarAccounts, journal), new SandboxTaxJarSignUp(taxJarAccounts),
                sila, elasticPath, oauth2, taxizer,
                new SandboxBigCommerce(bigCommerce),
                new SandboxBigCommerceControlPanel(bigCommerce, () -> AppRegistration.from(ConfigProvider.getConfig())),
                new SandboxStats(sila, elasticPath, oauth2, taxizer, bigCommerce, refused, journal),
                refused);
    }

    /** The standard clients; the demo's billing client's tokens live {@code lifetime} when set. */
    private static OAuth2Clients oauth2Clients(Optional<Duration> lifetime) {
        OAuth2Clients clients = OAuth2Clients.standard();
        lifetime.ifPresent(l -> clients.find(OAuth2Fixture.BILLING_CLIENT_ID).ifPresent(c -> clients.add(
                new OAuth2Clients.Client(c.clientId(), c.clientSecret(), c.authMethod(), c.scopes(), l,
                        c.issuesRefreshTokens(), c.rotatesRefreshTokens()))));
        return clients;
    }

    @Override
    @SuppressWarnings("deprecation") // singletons: the simulators' state must outlive a request
    public Set<Object> getSingletons() {
        return simulators;
    }
}
