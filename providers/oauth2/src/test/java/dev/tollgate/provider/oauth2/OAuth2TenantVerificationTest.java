package dev.tollgate.provider.oauth2;

import static dev.tollgate.testkit.simulator.oauth2.OAuth2Fixture.METRICS_CLIENT_ID;
import static dev.tollgate.testkit.simulator.oauth2.OAuth2Fixture.METRICS_CLIENT_SECRET;
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
import dev.tollgate.engine.testing.OAuth2Loopback;
import dev.tollgate.spi.TenantKey;
import dev.tollgate.testkit.config.TestConfig;
import dev.tollgate.testkit.log.ConfiguredSecrets;
import dev.tollgate.testkit.log.SecretScan;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A tenant saved at run time brings its own client registration, proven by a client credentials grant. */
class OAuth2TenantVerificationTest {

    private static final String WRONG_SECRET = ConfiguredSecrets.record("wr0ng-Secret-of-the-metrics-agent");

    @RegisterExtension
    final EngineHarness harness = new EngineHarness();
    private final OAuth2Loopback oauth2 = harness.oauth2();

    /** The API and its authorization server are the client's; the tenants bring their registrations. */
    private TollgateEngine engine(String... more) {
        TestConfig config = TestConfig.with("tollgate.api.provider", OAuth2Provider.ID)
                .and("tollgate.api.base-url", oauth2.url("oauth2/"))
                .and("tollgate.api.token-url", oauth2.url("oauth2/token"));
        for (int i = 0; i < more.length; i += 2) {
            config.and(more[i], more[i + 1]);
        }
        return harness.engine(config);
    }

    private static void verify(TollgateEngine engine, String clientId, String clientSecret) {
        CandidateVerification.verify(engine, "api", "newco", Map.of("client-id", clientId, "client-secret", clientSecret));
    }

    @Test
    void aTenantHoldsItsClientIdItsSecretWhichAloneIsSecretAndWhatItAsksFor() {
        List<TenantKey> keys = new OAuth2Provider().bind(engine().settings("api", "")).tenantKeys();
        assertEquals(List.of(TenantKey.plain("client-id", "OAuth2 client id"), TenantKey.secret("client-secret", "OAuth2 client secret"),
                TenantKey.plain("scope", "OAuth2 scope"), TenantKey.plain("audience", "OAuth2 audience"),
                TenantKey.plain("resource", "OAuth2 resource indicators (RFC 8707)")), keys);
    }

    @Test
    void aRegisteredClientIsVerifiedByOneTokenRequestAndNothingIsCached() {
        TollgateEngine engine = engine();

        verify(engine, METRICS_CLIENT_ID, METRICS_CLIENT_SECRET);

        assertEquals(1, oauth2.simulator().grants("client_credentials"));
        assertEquals(0, oauth2.apiRequests().size());
        assertEquals(0, engine.cache().size());
    }

    @Test
    void aWrongSecretIsRejectedWithTheServersError() {
        CredentialsRejectedException e = assertThrows(CredentialsRejectedException.class,
                () -> verify(engine(), METRICS_CLIENT_ID, WRONG_SECRET));

        assertEquals(401, e.status());
        assertTrue(e.vendorDetail().orElseThrow().startsWith("invalid_client"), e.vendorDetail().orElseThrow());
        assertFalse(SecretScan.containsAny(e.getMessage(), List.of(WRONG_SECRET)), e.getMessage());
    }

    @Test
    void aFailingOrRateLimitingServerCouldNotVerify() {
        TollgateEngine engine = engine();
        oauth2.simulator().faults().status(500).tooManyRequests(Duration.ofSeconds(1));
        for (int i = 0; i < 2; i++) {
            CredentialsUnverifiedException e = assertThrows(CredentialsUnverifiedException.class,
                    () -> verify(engine, METRICS_CLIENT_ID, METRICS_CLIENT_SECRET));
            assertEquals(Reason.VENDOR_UNAVAILABLE, e.reason());
        }
        assertEquals(2, oauth2.simulator().tokenRequests(), "one request per verification");
    }

    @Test
    void aServerThatTricklesItsAnswerCouldNotVerifyWithinTheTimeouts() {
        TollgateEngine engine = engine("tollgate.api.connect-timeout", "PT0.5S", "tollgate.api.read-timeout", "PT0.5S");
        CountDownLatch stop = new CountDownLatch(1);
        try {
            oauth2.simulator().faults().trickle(Duration.ofMillis(100), stop);
            CredentialsUnverifiedException e = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThrows(
                    CredentialsUnverifiedException.class, () -> verify(engine, METRICS_CLIENT_ID, METRICS_CLIENT_SECRET)));
            assertEquals(Reason.VENDOR_UNAVAILABLE, e.reason());
        } finally {
            stop.countDown();
        }
    }
}
