package dev.tollgate.provider.taxjar;

import static dev.tollgate.testkit.simulator.taxjar.TaxJarFixture.ACME_SANDBOX_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tollgate.engine.TollgateEngine;
import dev.tollgate.engine.testing.EngineHarness;
import dev.tollgate.engine.testing.TaxJarLoopback;
import dev.tollgate.testkit.config.TestConfig;
import dev.tollgate.testkit.http.LoopbackServer;
import dev.tollgate.testkit.http.RequestJournal;
import dev.tollgate.testkit.simulator.taxjar.TaxJarAccounts;
import dev.tollgate.testkit.simulator.taxjar.TaxJarSimulator;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * TaxJar's own part of credential safety: its token check sends a candidate token nowhere but
 * TaxJar, and its default base URL is TaxJar's production API. The engine's origin, redirect and
 * header rules are tested in the engine (its CredentialSafetyTest).
 */
class CredentialSafetyTest {

    @RegisterExtension
    final EngineHarness harness = new EngineHarness();
    private final TaxJarLoopback taxjar = harness.taxjar();
    /** A server of another origin that records what reaches it, as an attacker's host would. */
    private final RequestJournal elsewhereJournal = new RequestJournal();
    private final LoopbackServer elsewhere = harness.serve(new TaxJarSimulator(TaxJarAccounts.standard(), elsewhereJournal));

    /** Answers TaxJar's verification route with a redirect to the other origin. */
    @Path("v2/categories")
    public static class MovedCategories {
        private final URI target;

        public MovedCategories(URI target) {
            this.target = target;
        }

        @GET
        public Response get() {
            return Response.status(302).location(target).build();
        }
    }

    @Test
    void theTokenCheckerDoesNotFollowARedirectEither() {
        URI target = URI.create(elsewhere.url("taxjar/sandbox/v2/categories"));
        LoopbackServer redirecting = harness.serve(new MovedCategories(target));
        TollgateEngine engine = harness.engine(taxjar.config(TaxJarProvider.ID).and("tollgate.taxjar.base-url", redirecting.url("v2/")));
        TokenCheck result = TaxJarTokenChecker.forClient(engine, "taxjar").check(ACME_SANDBOX_TOKEN);
        assertEquals(TokenCheck.Outcome.UNREACHABLE, result.outcome());
        assertEquals(302, result.status());
        assertEquals(0, elsewhereJournal.count(), "the candidate token followed a redirect to another origin");
    }

    @Test
    void theDefaultBaseUrlIsTaxJarsProductionApi() {
        TollgateEngine engine = harness.engine(TestConfig.with("tollgate.taxjar.provider", "taxjar")
                .and("tollgate.taxjar.api-token", ACME_SANDBOX_TOKEN));
        assertEquals(URI.create("https://api.taxjar.com/v2/"), engine.settings("taxjar", "").baseUrl());
    }
}
