package dev.tollgate.provider.taxjar;

import static dev.tollgate.testkit.simulator.taxjar.TaxJarFixture.GLOBEX_SANDBOX_TOKEN;
import static dev.tollgate.testkit.simulator.taxjar.TaxJarFixture.INITECH_SANDBOX_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.CredentialsRejectedException;
import dev.tollgate.api.CredentialsUnverifiedException;
import dev.tollgate.api.CredentialsUnverifiedException.Reason;
import dev.tollgate.api.TollgateException;
import dev.tollgate.engine.CandidateVerification;
import dev.tollgate.engine.TollgateEngine;
import dev.tollgate.engine.testing.EngineHarness;
import dev.tollgate.engine.testing.TaxJarLoopback;
import dev.tollgate.spi.TenantKey;
import dev.tollgate.testkit.config.TestConfig;
import dev.tollgate.testkit.http.LoopbackServer;
import dev.tollgate.testkit.log.ConfiguredSecrets;
import dev.tollgate.testkit.log.SecretScan;
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

/**
 * A merchant saved at run time brings its TaxJar API token, which is checked the way TaxJar's
 * integration guide says before it is stored: {@code GET /v2/categories}; a 401 is for the merchant
 * to fix, with TaxJar's explanation.
 */
class TaxJarTenantVerificationTest {

    private static final String UNKNOWN_TOKEN = ConfiguredSecrets.record("5555eeee6666ffff7777aaaa8888bbbb");

    @RegisterExtension
    final EngineHarness harness = new EngineHarness();
    private final TaxJarLoopback taxjar = harness.taxjar();

    private TollgateEngine engine(TestConfig config) {
        return harness.engine(config);
    }

    private TestConfig config() {
        return taxjar.config(TaxJarProvider.ID);
    }

    private static void verify(TollgateEngine engine, String token) {
        CandidateVerification.verify(engine, "taxjar", "newco", Map.of("api-token", token));
    }

    @Test
    void aMerchantStoredAtRunTimeHoldsItsApiTokenAloneAndItIsSecret() {
        TollgateEngine engine = engine(config());
        List<TenantKey> keys = new TaxJarProvider().bind(engine.settings("taxjar", "")).tenantKeys();
        assertEquals(List.of(TenantKey.secret("api-token", "TaxJar API token")), keys);
    }

    @Test
    void aGoodTokenIsVerifiedWithTheCategoriesReadAndTheConfiguredApiVersion() {
        TollgateEngine engine = engine(config().and("tollgate.taxjar.api-version", "2020-08-07"));

        verify(engine, GLOBEX_SANDBOX_TOKEN);

        assertEquals(1, taxjar.journal().count());
        assertTrue(taxjar.journal().last().path().endsWith("/sandbox/v2/categories"), taxjar.journal().last().path());
        assertEquals("Bearer " + GLOBEX_SANDBOX_TOKEN, taxjar.journal().last().header("Authorization").orElseThrow());
        assertEquals("2020-08-07", taxjar.journal().last().header("x-api-version").orElseThrow());
        assertEquals(0, engine.cache().size(), "nothing of an unsaved merchant is cached");
    }

    @Test
    void aTokenTaxJarDoesNotKnowIsRejectedWithItsExplanation() {
        CredentialsRejectedException e = assertThrows(CredentialsRejectedException.class, () -> verify(engine(config()), UNKNOWN_TOKEN));

        assertEquals(401, e.status());
        assertEquals(Optional.of("Not authorized for route 'GET /v2/categories'"), e.vendorDetail());
        assertTrue(e.getMessage().contains("the tenant's 'api-token'"), e.getMessage());
        assertNoSecret(e, UNKNOWN_TOKEN);
    }

    @Test
    void aTokenTaxJarDoesNotKnowIsRefusedByTheApiNamedByItsOrigin() {
        CredentialsRejectedException e = assertThrows(CredentialsRejectedException.class, () -> verify(engine(config()), UNKNOWN_TOKEN));

        assertTrue(e.getMessage().startsWith("client 'taxjar' (provider taxjar, tenant 'newco'): the API at http://127.0.0.1:"
                + taxjar.server().baseUri().getPort() + " refused the api-token (HTTP 401): Not authorized for route"
                + " 'GET /v2/categories'. "), e.getMessage());
        assertTrue(e.getMessage().endsWith("Nothing was stored."), e.getMessage());
    }

    @Test
    void aProductionTokenAgainstTheSandboxIsRejected() {
        CredentialsRejectedException e = assertThrows(CredentialsRejectedException.class,
                () -> verify(engine(config()), dev.tollgate.testkit.simulator.taxjar.TaxJarFixture.ACME_PRODUCTION_TOKEN));
        assertEquals(401, e.status());
    }

    /** TaxJar's 403: the token is known, but inactive or the subscription expired (no API access). */
    @Test
    void anInactiveAccountIsAnAccountProblemWithTaxJarsExplanation() {
        CredentialsUnverifiedException e = assertThrows(CredentialsUnverifiedException.class,
                () -> verify(engine(config()), INITECH_SANDBOX_TOKEN));

        assertEquals(Reason.ACCOUNT_PROBLEM, e.reason());
        assertEquals(Optional.of("Your API token is inactive or your subscription has expired"), e.vendorDetail());
        assertNoSecret(e, INITECH_SANDBOX_TOKEN);
    }

    /** TaxJar in trouble: rate limited (429) or failing (5xx), each with its flat error body. */
    @Path("troubled/{status}/v2/categories")
    public static class TroubledTaxJar {
        @GET
        public Response categories(@PathParam("status") int status) {
            String error = status == 429 ? "Too Many Requests" : "Internal Server Error";
            return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity("{\"error\":\"" + error + "\",\"detail\":\"Try again later\",\"status\":" + status + "}").build();
        }
    }

    @Test
    void aRateLimitedOrFailingTaxJarCouldNotVerify() {
        LoopbackServer troubled = harness.serve(new TroubledTaxJar());
        for (int status : new int[] {429, 500, 503}) {
            TollgateEngine engine = engine(config().and("tollgate.taxjar.base-url", troubled.url("troubled/" + status + "/v2/")));
            CredentialsUnverifiedException e = assertThrows(CredentialsUnverifiedException.class,
                    () -> verify(engine, GLOBEX_SANDBOX_TOKEN));
            assertEquals(Reason.VENDOR_UNAVAILABLE, e.reason());
            assertTrue(e.getMessage().contains("HTTP " + status), e.getMessage());
            assertEquals(Optional.of("Try again later"), e.vendorDetail());
        }
    }

    /** A TaxJar that accepts the connection and never answers (until the test ends). */
    @Path("silent/v2/categories")
    public static class SilentTaxJar {
        final CountDownLatch release = new CountDownLatch(1);

        @GET
        public Response categories() throws InterruptedException {
            release.await(30, TimeUnit.SECONDS);
            return Response.ok("{\"categories\":[]}", MediaType.APPLICATION_JSON_TYPE).build();
        }
    }

    @Test
    void aTaxJarThatDoesNotAnswerCouldNotVerifyOnceTheReadTimeoutIsOver() {
        SilentTaxJar silent = new SilentTaxJar();
        LoopbackServer server = harness.serve(silent);
        try {
            TollgateEngine engine = engine(config().and("tollgate.taxjar.base-url", server.url("silent/v2/"))
                    .and("tollgate.taxjar.read-timeout", "PT0.5S"));
            CredentialsUnverifiedException e = assertTimeoutPreemptively(Duration.ofSeconds(20),
                    () -> assertThrows(CredentialsUnverifiedException.class, () -> verify(engine, GLOBEX_SANDBOX_TOKEN)));
            assertEquals(Reason.VENDOR_UNAVAILABLE, e.reason());
        } finally {
            silent.release.countDown();
        }
    }

    private static void assertNoSecret(TollgateException e, String token) {
        assertFalse(SecretScan.containsAny(e.getMessage(), List.of(token)), e.getMessage());
        assertFalse(SecretScan.containsAny(String.valueOf(e), List.of(token)));
    }
}
