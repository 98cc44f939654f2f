package dev.tollgate.provider.taxizer;

import static dev.tollgate.testkit.simulator.taxizer.TaxizerFixture.ACME_CLIENT_ID;
import static dev.tollgate.testkit.simulator.taxizer.TaxizerFixture.ACME_CLIENT_SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.tollgate.api.CredentialsRejectedException;
import dev.tollgate.api.CredentialsUnverifiedException;
import dev.tollgate.api.CredentialsUnverifiedException.Reason;
import dev.tollgate.engine.CandidateVerification;
import dev.tollgate.engine.TollgateEngine;
import dev.tollgate.engine.testing.EngineHarness;
import dev.tollgate.spi.TenantKey;
import dev.tollgate.testkit.config.TestConfig;
import dev.tollgate.testkit.http.LoopbackServer;
import dev.tollgate.testkit.log.ConfiguredSecrets;
import dev.tollgate.testkit.log.SecretScan;
import dev.tollgate.testkit.simulator.taxizer.TaxizerSimulator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A Taxizer app saved as a tenant at run time: proven by Connect. */
class TaxizerTenantVerificationTest {

    private static final String WRONG_SECRET = ConfiguredSecrets.record("tzWr0ng-5Hd2Kw9Np3Rt8Yb6Cf1Gj4");

    @RegisterExtension
    final EngineHarness harness = new EngineHarness();
    private final TaxizerSimulator taxizer = new TaxizerSimulator(harness.clock, harness.journal, Duration.ofMinutes(30),
            Duration.ofHours(2));
    private final LoopbackServer server = harness.serve(taxizer);

    private TollgateEngine engine(String... more) {
        TestConfig config = TestConfig.with("tollgate.tz.provider", TaxizerProvider.ID).and("tollgate.tz.base-url", server.url("taxizer/"));
        for (int i = 0; i < more.length; i += 2) {
            config.and(more[i], more[i + 1]);
        }
        return harness.engine(config);
    }

    private static void verify(TollgateEngine engine, String clientId, String clientSecret) {
        CandidateVerification.verify(engine, "tz", "newco", Map.of("client-id", clientId, "client-secret", clientSecret));
    }

    @Test
    void aTenantHoldsItsClientIdAndItsSecretWhichAloneIsSecret() {
        List<TenantKey> keys = new TaxizerProvider().bind(engine().settings("tz", "")).tenantKeys();
        assertEquals(List.of(TenantKey.plain("client-id", "Taxizer client id"), TenantKey.secret("client-secret", "Taxizer client secret")),
                keys);
    }

    @Test
    void anAppsOwnCredentialsAreVerifiedByOneConnectAndNothingIsCached() {
        TollgateEngine engine = engine();

        verify(engine, ACME_CLIENT_ID, ACME_CLIENT_SECRET);

        assertEquals(1, taxizer.connects());
        assertEquals(0, engine.cache().size());
    }

    /** Taxizer answers 400 to a wrong client id or secret. */
    @Test
    void aWrongSecretIsRejectedWithTaxizersMessage() {
        CredentialsRejectedException e = assertThrows(CredentialsRejectedException.class,
                () -> verify(engine(), ACME_CLIENT_ID, WRONG_SECRET));

        assertEquals(400, e.status());
        assertEquals("clientId or clientSecret is wrong", e.vendorDetail().orElseThrow());
        assertFalse(SecretScan.containsAny(e.getMessage(), List.of(WRONG_SECRET, ACME_CLIENT_SECRET)), e.getMessage());
    }

    @Test
    void aFailingTaxizerCouldNotVerify() {
        TollgateEngine engine = engine();
        taxizer.faults().status(502);

        CredentialsUnverifiedException e = assertThrows(CredentialsUnverifiedException.class,
                () -> verify(engine, ACME_CLIENT_ID, ACME_CLIENT_SECRET));

        assertEquals(Reason.VENDOR_UNAVAILABLE, e.reason());
        assertEquals(1, taxizer.connects());
    }

    @Test
    void aTaxizerThatTricklesItsAnswerCouldNotVerifyWithinTheTimeouts() {
        TollgateEngine engine = engine("tollgate.tz.connect-timeout", "PT0.5S", "tollgate.tz.read-timeout", "PT0.5S");
        CountDownLatch stop = new CountDownLatch(1);
        try {
            taxizer.faults().trickle(Duration.ofMillis(100), stop);
            CredentialsUnverifiedException e = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThrows(
                    CredentialsUnverifiedException.class, () -> verify(engine, ACME_CLIENT_ID, ACME_CLIENT_SECRET)));
            assertEquals(Reason.VENDOR_UNAVAILABLE, e.reason());
        } finally {
            stop.countDown();
        }
    }
}
