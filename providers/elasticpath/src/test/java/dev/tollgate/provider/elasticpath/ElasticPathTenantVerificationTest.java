package dev.tollgate.provider.elasticpath;

import static dev.tollgate.testkit.simulator.elasticpath.ElasticPathFixture.ACME_CLIENT_ID;
import static dev.tollgate.testkit.simulator.elasticpath.ElasticPathFixture.ACME_CLIENT_SECRET;
import static dev.tollgate.testkit.simulator.elasticpath.ElasticPathFixture.GLOBEX_CLIENT_ID;
import static dev.tollgate.testkit.simulator.elasticpath.ElasticPathFixture.GLOBEX_CLIENT_SECRET;
import static dev.tollgate.testkit.simulator.elasticpath.ElasticPathFixture.STOREFRONT_ONLY_CLIENT_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.CredentialsRejectedException;
import dev.tollgate.api.CredentialsUnverifiedException;
import dev.tollgate.api.CredentialsUnverifiedException.Reason;
import dev.tollgate.api.TollgateConfigException;
import dev.tollgate.engine.CandidateVerification;
import dev.tollgate.engine.TollgateEngine;
import dev.tollgate.engine.testing.EngineHarness;
import dev.tollgate.spi.TenantKey;
import dev.tollgate.testkit.config.TestConfig;
import dev.tollgate.testkit.http.LoopbackServer;
import dev.tollgate.testkit.log.SecretScan;
import dev.tollgate.testkit.simulator.elasticpath.ElasticPathFixture;
import dev.tollgate.testkit.simulator.elasticpath.ElasticPathSimulator;
import dev.tollgate.testkit.simulator.elasticpath.ElasticPathStores;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An Elastic Path store saved as a tenant at run time, in its own region: proven by a token request. */
class ElasticPathTenantVerificationTest {

    @RegisterExtension
    final EngineHarness harness = new EngineHarness();
    private final ElasticPathSimulator ep = new ElasticPathSimulator(ElasticPathStores.standard(), harness.clock, harness.journal);
    private final LoopbackServer server = harness.serve(ep);

    /** The client's region is US East; a stored store may name its own. */
    private TollgateEngine engine(String... more) {
        TestConfig config = TestConfig.with("tollgate.ep.provider", ElasticPathProvider.ID)
                .and("tollgate.ep.base-url", server.url("elasticpath/useast"));
        for (int i = 0; i < more.length; i += 2) {
            config.and(more[i], more[i + 1]);
        }
        return harness.engine(config);
    }

    private static void verify(TollgateEngine engine, String... keysAndValues) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        CandidateVerification.verify(engine, "ep", "newco", values);
    }

    @Test
    void aStoreHoldsItsKeysAndItsRegionOfWhichTheSecretAloneIsSecret() {
        List<TenantKey> keys = new ElasticPathProvider().bind(engine().settings("ep", "")).tenantKeys();
        assertEquals(List.of(TenantKey.plain("client-id", "Elastic Path client id"),
                TenantKey.secret("client-secret", "Elastic Path client secret"),
                TenantKey.plain("base-url", "Elastic Path region URL of the store")), keys);
    }

    @Test
    void aStoresKeysAreVerifiedByOneClientCredentialsTokenRequestAndNothingIsCached() {
        TollgateEngine engine = engine();

        verify(engine, "client-id", ACME_CLIENT_ID, "client-secret", ACME_CLIENT_SECRET);

        assertEquals(1, ep.tokenRequests());
        assertTrue(harness.journal.last().path().endsWith("/useast/oauth/access_token"), harness.journal.last().path());
        assertEquals(0, engine.cache().size());
    }

    @Test
    void aStoreInAnotherRegionIsVerifiedThereWithItsOwnBaseUrl() {
        TollgateEngine engine = engine();

        verify(engine, "client-id", GLOBEX_CLIENT_ID, "client-secret", GLOBEX_CLIENT_SECRET,
                "base-url", server.url("elasticpath/euwest"));

        assertTrue(harness.journal.last().path().endsWith("/euwest/oauth/access_token"), harness.journal.last().path());
    }

    @Test
    void aStoreVerifiedInTheWrongRegionIsRejectedWithAdviceNamingTheRegion() {
        CredentialsRejectedException e = assertThrows(CredentialsRejectedException.class,
                () -> verify(engine(), "client-id", GLOBEX_CLIENT_ID, "client-secret", GLOBEX_CLIENT_SECRET));

        // the candidate brought no base-url: the region it was sent to is the client's
        assertTrue(e.getMessage().contains("tollgate.ep.base-url is the store's region"), e.getMessage());
        assertFalse(SecretScan.containsAny(e.getMessage(), ElasticPathFixture.secrets()), e.getMessage());
    }

    @Test
    void aWrongSecretIsRejectedWithElasticPathsExplanation() {
        CredentialsRejectedException e = assertThrows(CredentialsRejectedException.class,
                () -> verify(engine(), "client-id", ACME_CLIENT_ID, "client-secret", GLOBEX_CLIENT_SECRET));

        assertTrue(e.vendorDetail().isPresent());
        assertFalse(SecretScan.containsAny(e.getMessage(), ElasticPathFixture.secrets()), e.getMessage());
    }

    @Test
    void storefrontKeysWithoutASecretAreVerifiedWithTheImplicitGrant() {
        verify(engine(), "client-id", STOREFRONT_ONLY_CLIENT_ID);
        assertEquals(1, ep.tokenRequests());
    }

    @Test
    void aRegionUrlThatWouldCarryTheSecretInTheClearIsRefusedBeforeAnythingIsSent() {
        TollgateConfigException e = assertThrows(TollgateConfigException.class, () -> verify(engine(),
                "client-id", ACME_CLIENT_ID, "client-secret", ACME_CLIENT_SECRET, "base-url", "http://useast.api.elasticpath.com"));

        assertTrue(e.getMessage().contains("the tenant's 'base-url'"), e.getMessage());
        assertEquals(0, ep.tokenRequests());
    }

    @Test
    void aFailingOrRateLimitingElasticPathCouldNotVerify() {
        TollgateEngine engine = engine();
        ep.faults().tooManyRequests(Duration.ofSeconds(1)).status(503);
        for (int i = 0; i < 2; i++) {
            CredentialsUnverifiedException e = assertThrows(CredentialsUnverifiedException.class,
                    () -> verify(engine, "client-id", ACME_CLIENT_ID, "client-secret", ACME_CLIENT_SECRET));
            assertEquals(Reason.VENDOR_UNAVAILABLE, e.reason());
        }
        assertEquals(2, ep.tokenRequests());
    }

    @Test
    void anElasticPathThatTricklesItsAnswerCouldNotVerifyWithinTheTimeouts() {
        TollgateEngine engine = engine("tollgate.ep.connect-timeout", "PT0.5S", "tollgate.ep.read-timeout", "PT0.5S");
        CountDownLatch stop = new CountDownLatch(1);
        try {
            ep.faults().trickle(Duration.ofMillis(100), stop);
            CredentialsUnverifiedException e = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThrows(
                    CredentialsUnverifiedException.class,
                    () -> verify(engine, "client-id", ACME_CLIENT_ID, "client-secret", ACME_CLIENT_SECRET)));
            assertEquals(Reason.VENDOR_UNAVAILABLE, e.reason());
        } finally {
            stop.countDown();
        }
    }
}
