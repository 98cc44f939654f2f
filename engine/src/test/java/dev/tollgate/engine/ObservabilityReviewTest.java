package dev.tollgate.engine;

import static dev.tollgate.testkit.simulator.taxjar.TaxJarFixture.ACME_SANDBOX_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.CredentialsRejectedException;
import dev.tollgate.api.Tollgate;
import dev.tollgate.api.UnsafeRequestException;
import dev.tollgate.engine.fake.EchoResource;
import dev.tollgate.engine.fake.StaticBearerProvider;
import dev.tollgate.engine.fake.StaticHeaderProvider;
import dev.tollgate.engine.observe.Measurement;
import dev.tollgate.engine.observe.Metric;
import dev.tollgate.engine.testing.EngineHarness;
import dev.tollgate.engine.testing.LogRecords;
import dev.tollgate.engine.testing.TaxJarLoopback;
import dev.tollgate.testkit.config.TestConfig;
import dev.tollgate.testkit.http.LoopbackServer;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A hostile review of what operators see: a credential that flaps, a vendor whose explanation
 * forges log lines, callers that make up tenant names while metrics are counted per tenant.
 */
class ObservabilityReviewTest {

    private static final String GOOD_TOKEN = "flap-token-2b7c9d41e6";

    @RegisterExtension
    final EngineHarness harness = new EngineHarness();
    private final LogRecords log = harness.closeAfter(new LogRecords());

    private TestConfig shop(LoopbackServer server) {
        return TestConfig.with("tollgate.shop.provider", StaticHeaderProvider.ID)
                .and("tollgate.shop.base-url", server.url("api/"))
                .and("tollgate.shop.tenants", "acme")
                .and("tollgate.shop.tenants.acme.token", GOOD_TOKEN);
    }

    private static int get(Client client, LoopbackServer server, String path) {
        try (Response response = client.target(server.url(path)).request().property(Tollgate.TENANT_PROPERTY, "acme").get()) {
            return response.getStatus();
        }
    }

    private List<String> worksAgain() {
        return log.at(Level.INFO).stream().filter(r -> r.contains("works again")).toList();
    }

    @Test
    void aCredentialThatFlapsBetweenRefusedAndAcceptedWarnsOnceAndRecoversOnceInFiveMinutes() {
        EchoResource api = new EchoResource(harness.journal, GOOD_TOKEN);
        LoopbackServer server = harness.serve(api);
        TollgateEngine engine = harness.engine(shop(server));
        Client client = harness.client(engine, "shop");
        // a load balancer with one node that does not know the token: every other call is refused
        for (int i = 0; i < 10; i++) {
            api.accept("another node's token");
            assertThrows(CredentialsRejectedException.class, () -> get(client, server, "api/things"));
            api.accept(GOOD_TOKEN);
            assertEquals(200, get(client, server, "api/things"));
        }
        assertEquals(1, log.at(Level.WARNING).size(), "one WARNING for ten refusals in a minute: " + log.at(Level.WARNING));
        String first = log.at(Level.WARNING).get(0);
        assertEquals(1, first.split(" refused the ", -1).length - 1, "who refused what, said once: " + first);
        assertEquals(1, worksAgain().size(), "one recovery told at INFO for ten: " + worksAgain());

        harness.clock.advance(Duration.ofMinutes(5));
        api.accept("another node's token");
        assertThrows(CredentialsRejectedException.class, () -> get(client, server, "api/things"));
        List<String> warnings = log.at(Level.WARNING);
        assertEquals(2, warnings.size(), "five minutes later, told again: " + warnings);
        assertTrue(warnings.get(1).contains("9 more failure(s)"), "the refusals left out are counted: " + warnings.get(1));
        assertFalse(engine.health().isUp(), "the refusal is on the readiness report whatever the log told");
    }

    /** An API whose 401 explanation spans lines (a stack trace, or a forged log record) and never ends. */
    @Path("/api")
    public static final class ChattyApi {
        static final String BODY = "Unauthorized\nSEVERE: dev.tollgate forged record\r\n" + "x".repeat(20_000);

        @GET
        @Path("things")
        public Response things() {
            return Response.status(401).entity(BODY).build();
        }
    }

    @Test
    void aVendorsExplanationIsOneBoundedLineInTheWarningTheHealthReportAndTheMessage() {
        LoopbackServer server = harness.serve(new ChattyApi());
        TollgateEngine engine = harness.engine(shop(server));
        Client client = harness.client(engine, "shop");
        CredentialsRejectedException e = assertThrows(CredentialsRejectedException.class, () -> get(client, server, "api/things"));

        String warning = log.at(Level.WARNING).get(0);
        String reason = engine.health().problems().get(0).reason();
        for (String shown : List.of(e.getMessage(), warning, reason)) {
            assertFalse(shown.contains("\n") || shown.contains("\r"), "a line break a log reader takes for a new record: " + shown);
            assertTrue(shown.length() < 2_000, "a vendor's body of any size in a record: " + shown.length() + " characters");
            assertTrue(shown.contains("Unauthorized SEVERE: dev.tollgate forged record"), shown);
        }
    }

    /** An API whose 401 explanation holds a terminal's one-byte escape and Unicode line breaks. */
    @Path("/api")
    public static final class EscapingApi {
        static final String BODY = "Unauthorized\u009b2J\u0085SEVERE: forged\u2028INFO: forged\u2029end";

        @GET
        @Path("things")
        public Response things() {
            return Response.status(401).entity(BODY).type("text/plain; charset=UTF-8").build();
        }
    }

    /**
     * C1 controls (the one-byte CSI rewrites an operator's terminal: {@code run-demo.sh --status},
     * a tailed log) and NEL, LINE and PARAGRAPH SEPARATOR (a new record to a log viewer) are not
     * ASCII controls: none reaches a WARNING, the readiness report or the message either.
     */
    @Test
    void aVendorsExplanationHoldsNoControlCharacterNorUnicodeLineBreak() {
        LoopbackServer server = harness.serve(new EscapingApi());
        TollgateEngine engine = harness.engine(shop(server));
        Client client = harness.client(engine, "shop");
        CredentialsRejectedException e = assertThrows(CredentialsRejectedException.class, () -> get(client, server, "api/things"));

        String warning = log.at(Level.WARNING).get(0);
        String reason = engine.health().problems().get(0).reason();
        for (String shown : List.of(e.getMessage(), warning, reason)) {
            assertFalse(shown.codePoints().anyMatch(c -> Character.getType(c) == Character.CONTROL
                    || Character.getType(c) == Character.LINE_SEPARATOR || Character.getType(c) == Character.PARAGRAPH_SEPARATOR),
                    () -> shown.codePoints().mapToObj(c -> String.format("%04x", c)).toList().toString());
            assertTrue(shown.contains("SEVERE: forged"), shown);
        }
    }

    @Test
    void tenantNamesCallersMakeUpAddNoMetricSeriesWhenCountingPerTenant() {
        TaxJarLoopback taxjar = harness.taxjar();
        TollgateEngine engine = harness.engine(taxjar.config(StaticBearerProvider.ID)
                .and("tollgate.taxjar.tenants", "acme")
                .and("tollgate.taxjar.tenants.acme.api-token", ACME_SANDBOX_TOKEN)
                .and("tollgate.metrics.per-tenant", "true"));
        Client client = harness.client(engine, TaxJarLoopback.CLIENT);
        for (int i = 0; i < 50; i++) {
            String madeUp = "shopper-" + i;
            assertThrows(UnsafeRequestException.class, () -> client.target(taxjar.sandboxUrl()).path("categories").request()
                    .property(Tollgate.TENANT_PROPERTY, madeUp).get().close());
        }
        List<Measurement> refused = engine.measurements().stream().filter(m -> m.metric() == Metric.CALLS_REFUSED).toList();
        assertEquals(1, refused.size(), "one series per client and reason, not one per name a caller made up: " + refused);
        assertEquals(50, refused.get(0).value());
        assertEquals("", refused.get(0).tags().get("tenant"), "no tenant was selected: " + refused);
    }

    @Test
    void tenantNamesCallersMakeUpForAClientWithoutATenantListFloodNoWarningsNorMakeTheApplicationUnready() {
        EchoResource api = new EchoResource(harness.journal, GOOD_TOKEN);
        LoopbackServer server = harness.serve(api);
        // no tenants list: any well-formed name is looked up in the configuration
        TollgateEngine engine = harness.engine(TestConfig.with("tollgate.shop.provider", StaticHeaderProvider.ID)
                .and("tollgate.shop.base-url", server.url("api/"))
                .and("tollgate.shop.tenants.acme.token", GOOD_TOKEN));
        Client client = harness.client(engine, "shop");
        for (int i = 0; i < 50; i++) {
            String madeUp = "shopper-" + i;
            assertThrows(RuntimeException.class, () -> client.target(server.url("api/things")).request()
                    .property(Tollgate.TENANT_PROPERTY, madeUp).get().close());
        }
        assertEquals(1, log.at(Level.WARNING).size(), "a WARNING per name a caller made up: " + log.at(Level.WARNING).size()
                + " " + log.at(Level.WARNING).stream().findFirst().orElse(""));
        assertTrue(log.at(Level.WARNING).get(0).contains("tollgate.shop.tenants.shopper-0.token"), "says which key is missing");
        assertTrue(engine.health().isUp(), "a caller's made-up name makes the application unready: " + engine.health().problems());

        harness.clock.advance(Duration.ofMinutes(5));
        assertThrows(RuntimeException.class, () -> client.target(server.url("api/things")).request()
                .property(Tollgate.TENANT_PROPERTY, "shopper-50").get().close());
        List<String> warnings = log.at(Level.WARNING);
        assertEquals(2, warnings.size(), "told again five minutes later: " + warnings);
        assertTrue(warnings.get(1).contains("49 more failure(s)"), warnings.get(1));
        assertEquals(200, get(client, server, "api/things"), "the configured tenant works all along");
    }
}
