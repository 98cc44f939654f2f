package dev.tollgate.provider.taxjar;

import static dev.tollgate.testkit.simulator.taxjar.TaxJarFixture.ACME_SANDBOX_TOKEN;
import static dev.tollgate.testkit.simulator.taxjar.TaxJarFixture.GLOBEX_SANDBOX_TOKEN;
import static dev.tollgate.testkit.simulator.taxjar.TaxJarFixture.INITECH_SANDBOX_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.Tollgate;
import dev.tollgate.api.TollgateConfigException;
import dev.tollgate.engine.TollgateEngine;
import dev.tollgate.engine.testing.EngineHarness;
import dev.tollgate.engine.testing.TaxJarLoopback;
import dev.tollgate.provider.taxjar.TokenCheck.Outcome;
import dev.tollgate.testkit.config.TestConfig;
import dev.tollgate.testkit.http.LoopbackServer;
import dev.tollgate.testkit.log.ConfiguredSecrets;
import dev.tollgate.testkit.log.SecretScan;
import dev.tollgate.testkit.simulator.FloodingBody;
import dev.tollgate.testkit.simulator.taxjar.TaxJarFixture;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The check TaxJar's integration guide recommends after a merchant saves a token: GET /v2/categories. */
class TaxJarTokenCheckerTest {

    @RegisterExtension
    final EngineHarness harness = new EngineHarness();
    private final TaxJarLoopback taxjar = harness.taxjar();

    /** Client {@code taxjar} against the simulated TaxJar sandbox. */
    private TestConfig config() {
        return taxjar.config(TaxJarProvider.ID);
    }

    private TaxJarTokenChecker checker(TollgateEngine engine) {
        return TaxJarTokenChecker.forClient(engine, "taxjar");
    }

    @Test
    void aGoodTokenIsValidAndWasCheckedOnTheCategoriesRoute() {
        TokenCheck result = checker(harness.engine(config().and("tollgate.taxjar.api-version", "2020-08-07")))
                .check(GLOBEX_SANDBOX_TOKEN);
        assertEquals(Outcome.VALID, result.outcome());
        assertEquals(200, result.status());
        assertTrue(taxjar.journal().last().path().endsWith("/v2/categories"), taxjar.journal().last().path());
        assertEquals("Bearer " + GLOBEX_SANDBOX_TOKEN, taxjar.journal().last().header("Authorization").orElseThrow());
        assertEquals("2020-08-07", taxjar.journal().last().header("x-api-version").orElseThrow());
    }

    @Test
    void anUnknownTokenIsRejectedWithTaxJarsDetail() {
        TokenCheck result = checker(harness.engine(config())).check(ConfiguredSecrets.record("0000aaaa1111bbbb2222cccc3333dddd"));
        assertEquals(Outcome.REJECTED, result.outcome());
        assertEquals(401, result.status());
        assertEquals("Not authorized for route 'GET /v2/categories'", result.detail());
    }

    @Test
    void anInactiveAccountIsAnAccountProblem() {
        TokenCheck result = checker(harness.engine(config())).check(INITECH_SANDBOX_TOKEN);
        assertEquals(Outcome.ACCOUNT_PROBLEM, result.outcome());
        assertEquals(403, result.status());
        assertTrue(result.detail().contains("inactive"), result.detail());
    }

    @Test
    void aTaxJarThatCannotBeReachedIsUnreachable() {
        String closed;
        try (LoopbackServer gone = LoopbackServer.serve()) {
            closed = gone.url("taxjar/sandbox/v2/");
        }
        TollgateEngine engine = harness.engine(config()
                .and("tollgate.taxjar.base-url", closed)
                .and("tollgate.taxjar.connect-timeout", "PT2S"));
        TokenCheck result = checker(engine).check(ACME_SANDBOX_TOKEN);
        assertEquals(Outcome.UNREACHABLE, result.outcome());
        assertEquals(0, result.status());
    }

    @Test
    void aBlankOrMalformedTokenIsRejectedWithoutARequest() {
        TaxJarTokenChecker checker = checker(harness.engine(config()));
        for (String bad : new String[] {"", "   ", "abc\r\nX-Evil: 1", "two words"}) {
            assertEquals(Outcome.REJECTED, checker.check(bad).outcome(), bad);
        }
        assertEquals(0, taxjar.journal().count());
    }

    @Test
    void configuredTokensOfEachMerchantCanBeChecked() {
        TaxJarTokenChecker checker = checker(harness.engine(config()
                .and("tollgate.taxjar.tenants.acme.api-token", ACME_SANDBOX_TOKEN)
                .and("tollgate.taxjar.tenants.initech.api-token", INITECH_SANDBOX_TOKEN)
                .and("tollgate.taxjar.tenants.stale.api-token", "ffffeeeeddddccccbbbbaaaa99998888")));
        assertEquals(Outcome.VALID, checker.checkConfigured("acme").outcome());
        assertEquals(Outcome.ACCOUNT_PROBLEM, checker.checkConfigured("initech").outcome());
        TokenCheck stale = checker.checkConfigured("stale");
        assertEquals(Outcome.REJECTED, stale.outcome());
        assertEquals("Not authorized for route 'GET /v2/categories'", stale.detail());
        TollgateConfigException missing = assertThrows(TollgateConfigException.class, () -> checker.checkConfigured("hooli"));
        assertTrue(missing.getMessage().contains("tollgate.taxjar.tenants.hooli.api-token"), missing.getMessage());
    }

    @Test
    void resultsNeverCarryTheToken() {
        TaxJarTokenChecker checker = checker(harness.engine(config()));
        for (String token : TaxJarFixture.secrets()) {
            TokenCheck result = checker.check(token);
            assertFalse(SecretScan.containsAny(result.toString(), List.of(token)), result.toString());
        }
    }

    /** A TaxJar-like API that quotes the token it was sent in its explanation, for every status. */
    @Path("careless/{status}/v2/categories")
    public static class QuotingApi {
        @GET
        public Response categories(@HeaderParam("Authorization") String authorization, @PathParam("status") int status) {
            String token = authorization.substring("Bearer ".length());
            return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity("{\"error\":\"Unauthorized\","
                    + "\"detail\":\"Token " + token + " (…" + token.substring(10) + ") is not valid here\",\"status\":" + status + "}").build();
        }
    }

    @Test
    void aDetailThatQuotesTheCheckedTokenReachesTheResultWithoutIt() {
        try (LoopbackServer careless = LoopbackServer.serve(new QuotingApi())) {
            for (int status : new int[] {401, 403, 500}) {
                TaxJarTokenChecker checker = checker(harness.engine(TestConfig.with("tollgate.taxjar.provider", "taxjar")
                        .and("tollgate.taxjar.base-url", careless.url("careless/" + status + "/v2/"))
                        .and("tollgate.taxjar.tenant-required", "false")
                        .and("tollgate.taxjar.api-token", ACME_SANDBOX_TOKEN)));
                for (TokenCheck result : List.of(checker.check(GLOBEX_SANDBOX_TOKEN), checker.checkConfigured(""))) {
                    assertEquals(status, result.status());
                    // the engine's 401 handling masks the whole token first (****f2f4), the checker the rest
                    assertTrue(result.detail().matches(".*Token \\*{4}(\\w{4})? \\(…\\*{4}\\) is not valid here.*"), result.detail());
                    assertFalse(SecretScan.containsAny(result.toString(), TaxJarFixture.secrets()), result.toString());
                }
            }
        }
    }

    /** A TaxJar-like API in trouble that answers with a body of 64 MiB, counting what it got to send. */
    @Path("flood/v2/categories")
    public static class FloodingApi {
        static final FloodingBody BODY = new FloodingBody(64L << 20);

        @GET
        public Response categories() {
            return Response.status(500).entity(BODY).type(MediaType.APPLICATION_JSON_TYPE).build();
        }
    }

    /** The explanation is read from the first 64 KiB, as everywhere else: the whole body was read into memory. */
    @Test
    void anAnswerIsReadNoFurtherThanTheFirst64KiB() throws Exception {
        try (LoopbackServer flooding = LoopbackServer.serve(new FloodingApi())) {
            TokenCheck result = checker(harness.engine(TestConfig.with("tollgate.taxjar.provider", "taxjar")
                    .and("tollgate.taxjar.base-url", flooding.url("flood/v2/"))
                    .and("tollgate.taxjar.tenant-required", "false"))).check(GLOBEX_SANDBOX_TOKEN);
            assertEquals(Outcome.UNREACHABLE, result.outcome());
            assertEquals(500, result.status());
            assertTrue(FloodingApi.BODY.awaitDone(Duration.ofSeconds(60)), "safety net: the server stops sending once the client has gone");
            assertTrue(FloodingApi.BODY.sent() < FloodingApi.BODY.size() / 4, "the checker took " + FloodingApi.BODY.sent() + " bytes");
        }
    }

    @Test
    void anExplicitNoTenantChecksTheClientsOwnTokenWhateverTenantIsInScope() {
        TaxJarTokenChecker checker = checker(harness.engine(config()
                .and("tollgate.taxjar.tenant-required", "false")
                .and("tollgate.taxjar.api-token", "ffffeeeeddddccccbbbbaaaa99998888")
                .and("tollgate.taxjar.tenants.acme.api-token", ACME_SANDBOX_TOKEN)));
        TokenCheck own = Tollgate.withTenant("acme", () -> checker.checkConfigured(""));
        assertEquals(Outcome.REJECTED, own.outcome());
        assertEquals("Bearer ffffeeeeddddccccbbbbaaaa99998888", taxjar.journal().last().header("Authorization").orElseThrow());
        assertEquals(Outcome.VALID, Tollgate.withTenant("globex", () -> checker.checkConfigured("acme")).outcome());
        assertEquals(Outcome.REJECTED, checker.checkConfigured("").outcome());
    }
}
