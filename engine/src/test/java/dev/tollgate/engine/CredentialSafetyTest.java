package dev.tollgate.engine;

import static dev.tollgate.testkit.simulator.taxjar.TaxJarFixture.ACME_SANDBOX_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.TollgateConfigException;
import dev.tollgate.api.UnsafeRequestException;
import dev.tollgate.engine.TollgateEngine;
import dev.tollgate.engine.fake.StaticBearerProvider;
import dev.tollgate.engine.testing.EngineHarness;
import dev.tollgate.engine.testing.TaxJarLoopback;
import dev.tollgate.testkit.config.TestConfig;
import dev.tollgate.testkit.http.LoopbackServer;
import dev.tollgate.testkit.http.RequestJournal;
import dev.tollgate.testkit.simulator.taxjar.TaxJarAccounts;
import dev.tollgate.testkit.simulator.taxjar.TaxJarSimulator;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Credentials go only to the configured origin, over https unless loopback, and never with CR/LF:
 * the engine's rules, with the fake static-token provider against the simulated TaxJar.
 */
class CredentialSafetyTest {

    @RegisterExtension
    final EngineHarness harness = new EngineHarness();
    private final TaxJarLoopback taxjar = harness.taxjar();
    /** A server of another origin that records what reaches it, as an attacker's host would. */
    private final RequestJournal elsewhereJournal = new RequestJournal();
    private final LoopbackServer elsewhere = harness.serve(new TaxJarSimulator(TaxJarAccounts.standard(), elsewhereJournal));

    /** Client {@code taxjar} of the fake static-token provider, against the simulated TaxJar sandbox. */
    private TestConfig config() {
        return taxjar.config(StaticBearerProvider.ID);
    }

    /** Redirects every request to the other origin, as a compromised or misconfigured API might. */
    @Path("moved")
    public static class Moved {
        private final URI target;

        public Moved(URI target) {
            this.target = target;
        }

        @GET
        public Response get() {
            return Response.status(302).location(target).build();
        }
    }

    @Test
    void aRequestToAnotherHostIsRefusedAndNothingIsSent() {
        TollgateEngine engine = harness.engine(config().and("tollgate.taxjar.api-token", ACME_SANDBOX_TOKEN));
        Client client = harness.client(engine, TaxJarLoopback.CLIENT);

        UnsafeRequestException e = assertThrows(UnsafeRequestException.class,
                () -> client.target(elsewhere.url("taxjar/sandbox/v2/categories")).request().get());
        assertTrue(e.getMessage().contains("tollgate.taxjar.base-url"), e.getMessage());
        assertEquals(0, elsewhereJournal.count());
    }

    @Test
    void sameHostOtherPortOrSchemeIsAnotherOrigin() {
        String base = taxjar.sandboxUrl();
        String otherPort = elsewhere.url("taxjar/sandbox/v2/categories");
        TollgateEngine engine = harness.engine(config().and("tollgate.taxjar.api-token", ACME_SANDBOX_TOKEN));
        Client client = harness.client(engine, TaxJarLoopback.CLIENT);
        assertTrue(base.startsWith("http://127.0.0.1:") && otherPort.startsWith("http://127.0.0.1:"));
        assertThrows(UnsafeRequestException.class, () -> client.target(otherPort).request().get());
        assertThrows(UnsafeRequestException.class,
                () -> client.target(base.replace("http://", "https://")).path("categories").request().get());
    }

    @Test
    void aRedirectToAnotherOriginIsNotFollowedWithTheToken() {
        URI target = URI.create(elsewhere.url("taxjar/sandbox/v2/categories"));
        LoopbackServer redirecting = harness.serve(new Moved(target));
        // without Tollgate, this Jersey client follows the redirect: the test can tell
        try (Response followed = harness.plainClient().target(redirecting.url("moved")).request()
                .header("Authorization", "Bearer not-a-real-token").get()) {
            assertEquals(1, elsewhereJournal.count(), "precondition: Jersey follows redirects by default");
        }
        elsewhereJournal.clear();

        TollgateEngine engine = harness.engine(config()
                .and("tollgate.taxjar.base-url", redirecting.url(""))
                .and("tollgate.taxjar.api-token", ACME_SANDBOX_TOKEN));
        Client client = harness.client(engine, TaxJarLoopback.CLIENT);
        try (Response response = client.target(redirecting.url("moved")).request().get()) {
            assertEquals(302, response.getStatus(), "the redirect reaches the application");
            assertEquals(target, response.getLocation());
        }
        assertEquals(0, elsewhereJournal.count(), "the token followed a redirect to another origin");

        // and following it by hand goes through the origin check again
        assertThrows(UnsafeRequestException.class, () -> client.target(target).request().get());
        assertEquals(0, elsewhereJournal.count());
    }

    @Test
    void aTokenWithCrLfIsRefusedWithoutRepeatingItAndNothingIsSent() {
        String injected = ACME_SANDBOX_TOKEN + "\r\nX-Injected: yes";
        TollgateEngine engine = harness.engine(config().and("tollgate.taxjar.api-token", injected));
        Client client = harness.client(engine, TaxJarLoopback.CLIENT);

        TollgateConfigException e = assertThrows(TollgateConfigException.class,
                () -> client.target(taxjar.sandboxUrl()).path("categories").request().get());
        assertTrue(e.getMessage().contains("tollgate.taxjar.api-token"), e.getMessage());
        assertTrue(e.getMessage().contains("control character"), e.getMessage());
        assertFalse(e.getMessage().contains(ACME_SANDBOX_TOKEN), e.getMessage());
        assertEquals(0, taxjar.journal().count());

        // deployment validation reports the same problem before any call
        List<TollgateConfigException> problems = engine.validate("taxjar");
        assertEquals(1, problems.size());
        assertEquals(e.getMessage(), problems.get(0).getMessage());
    }

    @Test
    void aTokenWithAnyControlOrNonAsciiCharacterIsRefusedToo() {
        // U+010A and U+010D become LF and CR in a connector that keeps only the low byte
        for (String bad : new String[] {"abc\ndef0123456789", "abc\u0000def0123456789", "abc\tdef",
                "abc\u010Adef", "abc\u010Ddef", "abc\u2028def", "abc\u0085def"}) {
            TollgateEngine engine = harness.engine(config().and("tollgate.taxjar.api-token", bad));
            List<TollgateConfigException> problems = engine.validate("taxjar");
            assertEquals(1, problems.size(), "accepted a token with character " + (int) bad.charAt(3));
            assertTrue(problems.get(0).getMessage().contains("tollgate.taxjar.api-token contains a line break or another"
                    + " control character"), problems.get(0).getMessage());
        }
    }

    /** An application filter (priority 5000) that points the request elsewhere. */
    @jakarta.annotation.Priority(5000)
    public static class Rerouting implements ClientRequestFilter {
        private final URI to;

        Rerouting(URI to) {
            this.to = to;
        }

        @Override
        public void filter(ClientRequestContext request) {
            request.setUri(to);
        }
    }

    @Test
    void aLaterFilterThatReroutesTheRequestCannotTakeTheTokenAlong() {
        TollgateEngine engine = harness.engine(config().and("tollgate.taxjar.api-token", ACME_SANDBOX_TOKEN));
        Client client = harness.client(engine, TaxJarLoopback.CLIENT)
                .register(new Rerouting(URI.create(elsewhere.url("taxjar/sandbox/v2/categories"))));
        UnsafeRequestException e = assertThrows(UnsafeRequestException.class,
                () -> client.target(taxjar.sandboxUrl()).path("categories").request().get());
        // the credential is attached after every application filter, so the check sees where the request goes now
        URI foreign = URI.create(elsewhere.url(""));
        assertTrue(e.getMessage().contains("refused to send credentials to http://" + foreign.getHost() + ":" + foreign.getPort()),
                e.getMessage());
        assertEquals(0, elsewhereJournal.count());
        assertEquals(0, taxjar.journal().count());
    }

    @Test
    void plainHttpToAHostThatIsNotLoopbackIsRefused() {
        TollgateEngine engine = harness.engine(config()
                .and("tollgate.taxjar.base-url", "http://api.taxjar.com/v2/")
                .and("tollgate.taxjar.api-token", ACME_SANDBOX_TOKEN));
        TollgateConfigException e = assertThrows(TollgateConfigException.class, () -> engine.feature("taxjar"));
        assertTrue(e.getMessage().contains("tollgate.taxjar.base-url"), e.getMessage());
        assertTrue(e.getMessage().contains("https"), e.getMessage());
    }

    @Test
    void httpsAnywhereAndHttpOnLoopbackAreAccepted() {
        for (String url : new String[] {"https://api.taxjar.com/v2/", "https://api.sandbox.taxjar.com/v2/",
                "http://localhost:8080/v2/", "http://127.0.0.1/v2/", "http://[::1]:9000/"}) {
            TollgateEngine engine = harness.engine(config()
                    .and("tollgate.taxjar.base-url", url)
                    .and("tollgate.taxjar.api-token", ACME_SANDBOX_TOKEN));
            assertTrue(engine.validate("taxjar").isEmpty(), url);
        }
        for (String url : new String[] {"http://127.0.0.1.example.com/", "http://10.0.0.1/", "ftp://127.0.0.1/"}) {
            TollgateEngine engine = harness.engine(config()
                    .and("tollgate.taxjar.base-url", url)
                    .and("tollgate.taxjar.api-token", ACME_SANDBOX_TOKEN));
            assertEquals(1, engine.validate("taxjar").size(), url);
        }
    }
}
