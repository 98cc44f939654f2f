package dev.tollgate.provider.sila;

import static dev.tollgate.testkit.simulator.sila.SilaFixture.ACME_APP_HANDLE;
import static dev.tollgate.testkit.simulator.sila.SilaFixture.ACME_PRODUCTION_CLIENT_ID;
import static dev.tollgate.testkit.simulator.sila.SilaFixture.ACME_PRODUCTION_CLIENT_SECRET;
import static dev.tollgate.testkit.simulator.sila.SilaFixture.ACME_SANDBOX_CLIENT_ID;
import static dev.tollgate.testkit.simulator.sila.SilaFixture.ACME_SANDBOX_CLIENT_SECRET;
import static dev.tollgate.testkit.simulator.sila.SilaFixture.GLOBEX_APP_HANDLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.CredentialsRejectedException;
import dev.tollgate.api.CredentialsUnverifiedException;
import dev.tollgate.api.CredentialsUnverifiedException.Reason;
import dev.tollgate.engine.CandidateVerification;
import dev.tollgate.engine.TollgateEngine;
import dev.tollgate.engine.testing.EngineHarness;
import dev.tollgate.spi.TenantKey;
import dev.tollgate.testkit.config.TestConfig;
import dev.tollgate.testkit.http.LoopbackServer;
import dev.tollgate.testkit.log.SecretScan;
import dev.tollgate.testkit.simulator.sila.SilaApps;
import dev.tollgate.testkit.simulator.sila.SilaFixture;
import dev.tollgate.testkit.simulator.sila.SilaSimulator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A Sila app saved as a tenant at run time: proven by asking auth_token for its token. */
class SilaTenantVerificationTest {

    @RegisterExtension
    final EngineHarness harness = new EngineHarness("2026-11-22T08:00:00Z");
    private final SilaSimulator sila = new SilaSimulator(SilaApps.standard(), harness.clock, harness.journal);
    private final LoopbackServer server = harness.serve(sila);

    /** The sandbox is the client's environment; the tenants bring their apps. */
    private TollgateEngine engine(String... more) {
        TestConfig config = TestConfig.with("tollgate.sila.provider", SilaProvider.ID)
                .and("tollgate.sila.base-url", server.url("sila/sandbox/0.2"));
        for (int i = 0; i < more.length; i += 2) {
            config.and(more[i], more[i + 1]);
        }
        return harness.engine(config);
    }

    private static void verify(TollgateEngine engine, String clientId, String clientSecret, String appHandle) {
        CandidateVerification.verify(engine, "sila", "newco",
                Map.of("client-id", clientId, "client-secret", clientSecret, "app-handle", appHandle));
    }

    @Test
    void aTenantHoldsItsAppsClientIdSecretAndHandleOfWhichTheSecretIsSecret() {
        List<TenantKey> keys = new SilaProvider().bind(engine().settings("sila", "")).tenantKeys();
        assertEquals(List.of(TenantKey.plain("client-id", "Sila client id"), TenantKey.secret("client-secret", "Sila client secret"),
                TenantKey.plain("app-handle", "Sila app handle")), keys);
    }

    @Test
    void anAppsOwnCredentialsAreVerifiedByOneTokenRequestAndNothingIsCached() {
        TollgateEngine engine = engine();

        verify(engine, ACME_SANDBOX_CLIENT_ID, ACME_SANDBOX_CLIENT_SECRET, ACME_APP_HANDLE);

        assertEquals(1, sila.tokenRequests());
        assertEquals(0, engine.cache().size());
    }

    @Test
    void anotherAppsHandleIsRejectedWithSilasMessage() {
        CredentialsRejectedException e = assertThrows(CredentialsRejectedException.class,
                () -> verify(engine(), ACME_SANDBOX_CLIENT_ID, ACME_SANDBOX_CLIENT_SECRET, GLOBEX_APP_HANDLE));

        assertEquals(401, e.status());
        assertEquals("The app handle does not belong to these client credentials.", e.vendorDetail().orElseThrow());
        assertFalse(SecretScan.containsAny(e.getMessage(), SilaFixture.secrets()), e.getMessage());
    }

    @Test
    void productionCredentialsAgainstTheSandboxAreRejected() {
        CredentialsRejectedException e = assertThrows(CredentialsRejectedException.class,
                () -> verify(engine(), ACME_PRODUCTION_CLIENT_ID, ACME_PRODUCTION_CLIENT_SECRET, ACME_APP_HANDLE));

        assertEquals(401, e.status());
        assertTrue(e.getMessage().contains("the tenant's 'client-id'"), e.getMessage());
        assertFalse(SecretScan.containsAny(e.getMessage(), SilaFixture.secrets()), e.getMessage());
    }

    @Test
    void aRateLimitedOrFailingSilaCouldNotVerify() {
        TollgateEngine engine = engine();
        sila.faults().tooManyRequests(Duration.ofSeconds(2)).status(503);
        for (int i = 0; i < 2; i++) {
            CredentialsUnverifiedException e = assertThrows(CredentialsUnverifiedException.class,
                    () -> verify(engine, ACME_SANDBOX_CLIENT_ID, ACME_SANDBOX_CLIENT_SECRET, ACME_APP_HANDLE));
            assertEquals(Reason.VENDOR_UNAVAILABLE, e.reason());
        }
        assertEquals(2, sila.tokenRequests());
    }

    @Test
    void aSilaThatTricklesItsAnswerCouldNotVerifyWithinTheTimeouts() {
        TollgateEngine engine = engine("tollgate.sila.connect-timeout", "PT0.5S", "tollgate.sila.read-timeout", "PT0.5S");
        CountDownLatch stop = new CountDownLatch(1);
        try {
            sila.faults().trickle(Duration.ofMillis(100), stop);
            CredentialsUnverifiedException e = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThrows(
                    CredentialsUnverifiedException.class,
                    () -> verify(engine, ACME_SANDBOX_CLIENT_ID, ACME_SANDBOX_CLIENT_SECRET, ACME_APP_HANDLE)));
            assertEquals(Reason.VENDOR_UNAVAILABLE, e.reason());
        } finally {
            stop.countDown();
        }
    }
}
