package dev.tollgate.provider.bigcommerce;

import static dev.tollgate.testkit.simulator.bigcommerce.BigCommerceFixture.STORE_A_HASH;
import static dev.tollgate.testkit.simulator.bigcommerce.BigCommerceFixture.STORE_A_TOKEN;
import static dev.tollgate.testkit.simulator.bigcommerce.BigCommerceFixture.STORE_B_HASH;
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
import dev.tollgate.testkit.log.ConfiguredSecrets;
import dev.tollgate.testkit.log.SecretScan;
import dev.tollgate.testkit.simulator.bigcommerce.BigCommerceFixture;
import dev.tollgate.testkit.simulator.bigcommerce.BigCommerceSimulator;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A store saved as a tenant at run time (the app installed in it): proven by reading the store's information with its token. */
class BigCommerceTenantVerificationTest {

    private static final String WRONG_TOKEN = ConfiguredSecrets.record("bcW9r0ngTok3nQx5Er8Ty1Ui4Op7As2D");

    @RegisterExtension
    final EngineHarness harness = new EngineHarness();
    private final BigCommerceSimulator bc = new BigCommerceSimulator(harness.clock, harness.journal);
    private final LoopbackServer api = harness.serve(bc);

    private TollgateEngine engine(String... more) {
        TestConfig config = TestConfig.with("tollgate.bc.provider", BigCommerceProvider.ID).and("tollgate.bc.base-url", api.url(""));
        for (int i = 0; i < more.length; i += 2) {
            config.and(more[i], more[i + 1]);
        }
        return harness.engine(config);
    }

    private static void verify(TollgateEngine engine, String hash, String token) {
        CandidateVerification.verify(engine, "bc", "newco", Map.of("store-hash", hash, "access-token", token));
    }

    @Test
    void aStoreHoldsItsHashTokenAndStorefrontOfWhichTheTokenAloneIsSecret() {
        List<TenantKey> keys = new BigCommerceProvider().bind(engine().settings("bc", "")).tenantKeys();
        assertEquals(List.of("store-hash", "access-token", "storefront-url", "storefront-channel-id", "storefront-allowed-origins"),
                keys.stream().map(TenantKey::name).toList());
        assertEquals(List.of("access-token"), keys.stream().filter(TenantKey::secret).map(TenantKey::name).toList());
    }

    @Test
    void aStoresTokenIsVerifiedByReadingItsStoreInformationAndNothingIsCached() {
        TollgateEngine engine = engine();

        verify(engine, STORE_A_HASH, STORE_A_TOKEN);

        assertEquals(1, harness.journal.count());
        assertEquals("stores/" + STORE_A_HASH + "/v2/store", harness.journal.last().path());
        assertEquals(STORE_A_TOKEN, harness.journal.last().header("X-Auth-Token").orElseThrow());
        assertEquals(0, engine.cache().size());
    }

    @Test
    void aWrongTokenIsRejectedWithBigCommercesMessage() {
        CredentialsRejectedException e = assertThrows(CredentialsRejectedException.class,
                () -> verify(engine(), STORE_A_HASH, WRONG_TOKEN));

        assertEquals(401, e.status());
        assertEquals(Optional.of("You are not authorized to access this resource."), e.vendorDetail());
        assertTrue(e.getMessage().contains("the tenant's 'access-token'"), e.getMessage());
        assertFalse(SecretScan.containsAny(e.getMessage(), List.of(WRONG_TOKEN)), e.getMessage());
    }

    @Test
    void aTokenOfAnotherStoreIsRejectedForThisStoresHash() {
        CredentialsRejectedException e = assertThrows(CredentialsRejectedException.class,
                () -> verify(engine(), STORE_B_HASH, STORE_A_TOKEN));

        assertEquals(401, e.status());
        assertTrue(e.getMessage().contains("the tenant's 'store-hash'"), e.getMessage());
        assertFalse(SecretScan.containsAny(e.getMessage(), BigCommerceFixture.secrets()), e.getMessage());
    }

    @Test
    void anApiAccountWithoutTheStoreInformationScopeIsAnAccountProblem() {
        bc.withoutInformationScope(STORE_A_HASH);

        CredentialsUnverifiedException e = assertThrows(CredentialsUnverifiedException.class,
                () -> verify(engine(), STORE_A_HASH, STORE_A_TOKEN));

        assertEquals(Reason.ACCOUNT_PROBLEM, e.reason());
        assertEquals(Optional.of("You don't have a required scope to access the endpoint"), e.vendorDetail());
    }

    @Test
    void aHashThatIsNotOneIsRefusedBeforeAnythingIsSent() {
        for (String hash : List.of("abc123def/../xyz789ghi", "abc123def?x=1", "")) {
            assertThrows(TollgateConfigException.class, () -> verify(engine(), hash, STORE_A_TOKEN), hash);
        }
        assertEquals(0, harness.journal.count());
    }

    /** BigCommerce in trouble: rate limited or failing, in the v3 problem shape. */
    @Path("troubled/{status}/stores/{hash}/v2/store")
    public static class TroubledBigCommerce {
        @GET
        public Response store(@PathParam("status") int status) {
            return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity("{\"status\":" + status + ",\"title\":\"Service unavailable\",\"type\":\"about:blank\"}").build();
        }
    }

    @Test
    void aRateLimitedOrFailingBigCommerceCouldNotVerify() {
        LoopbackServer troubled = harness.serve(new TroubledBigCommerce());
        for (int status : new int[] {429, 500, 503}) {
            TollgateEngine engine = engine("tollgate.bc.base-url", troubled.url("troubled/" + status + "/"));
            CredentialsUnverifiedException e = assertThrows(CredentialsUnverifiedException.class,
                    () -> verify(engine, STORE_A_HASH, STORE_A_TOKEN));
            assertEquals(Reason.VENDOR_UNAVAILABLE, e.reason());
            assertTrue(e.getMessage().contains("HTTP " + status), e.getMessage());
        }
    }

    /** A BigCommerce that accepts the connection and never answers (until the test ends). */
    @Path("silent/stores/{hash}/v2/store")
    public static class SilentBigCommerce {
        final CountDownLatch release = new CountDownLatch(1);

        @GET
        public Response store() throws InterruptedException {
            release.await(30, TimeUnit.SECONDS);
            return Response.ok("{}", MediaType.APPLICATION_JSON_TYPE).build();
        }
    }

    @Test
    void aBigCommerceThatDoesNotAnswerCouldNotVerifyOnceTheTimeoutsAreOver() {
        SilentBigCommerce silent = new SilentBigCommerce();
        LoopbackServer server = harness.serve(silent);
        try {
            TollgateEngine engine = engine("tollgate.bc.base-url", server.url("silent/"), "tollgate.bc.read-timeout", "PT0.5S");
            CredentialsUnverifiedException e = assertTimeoutPreemptively(Duration.ofSeconds(20),
                    () -> assertThrows(CredentialsUnverifiedException.class, () -> verify(engine, STORE_A_HASH, STORE_A_TOKEN)));
            assertEquals(Reason.VENDOR_UNAVAILABLE, e.reason());
        } finally {
            silent.release.countDown();
        }
    }
}
