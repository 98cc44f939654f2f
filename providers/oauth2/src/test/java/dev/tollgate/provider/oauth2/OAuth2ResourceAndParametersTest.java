package dev.tollgate.provider.oauth2;

import static dev.tollgate.testkit.simulator.oauth2.OAuth2Fixture.BILLING_CLIENT_ID;
import static dev.tollgate.testkit.simulator.oauth2.OAuth2Fixture.BILLING_CLIENT_SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.CredentialsRejectedException;
import dev.tollgate.api.Tollgate;
import dev.tollgate.api.TollgateConfigException;
import dev.tollgate.engine.CandidateVerification;
import dev.tollgate.engine.TollgateEngine;
import dev.tollgate.engine.testing.EngineHarness;
import dev.tollgate.engine.testing.OAuth2Loopback;
import dev.tollgate.testkit.config.TestConfig;
import dev.tollgate.testkit.http.LoopbackServer;
import dev.tollgate.testkit.simulator.oauth2.OAuth2Clients;
import dev.tollgate.testkit.simulator.oauth2.OAuth2Simulator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a token request asks for beyond RFC 6749: {@code resource} (RFC 8707), per client and per
 * tenant, and {@code token-parameters}.
 */
class OAuth2ResourceAndParametersTest {

    private static final String INVOICES = "https://api.example.com/invoices";
    private static final String REPORTS = "https://api.example.com/reports";
    private static final String LEDGER = "urn:example:ledger";

    @RegisterExtension
    final EngineHarness harness = new EngineHarness();
    private final OAuth2Clients clients = OAuth2Clients.standard().allowResources(BILLING_CLIENT_ID, INVOICES, REPORTS, LEDGER);
    private final OAuth2Simulator simulator = new OAuth2Simulator(clients, harness.clock, harness.journal);
    private final OAuth2Loopback oauth2 = new OAuth2Loopback(simulator, harness.serve(simulator), harness.journal);

    private TestConfig config() {
        return oauth2.config(OAuth2Provider.ID, BILLING_CLIENT_ID, BILLING_CLIENT_SECRET);
    }

    private int call(TollgateEngine engine) {
        return oauth2.call(harness.client(engine, OAuth2Loopback.CLIENT));
    }

    /** The audience of the token the last API call carried, as the authorization server issued it. */
    private List<String> lastTokenAudience() {
        var requests = oauth2.apiRequests();
        String bearer = requests.get(requests.size() - 1).header("Authorization").orElseThrow();
        return simulator.audience(bearer.substring("Bearer ".length()));
    }

    @Test
    void oneResourceIsAskedForAndTheTokenIsForIt() {
        assertEquals(200, call(harness.engine(config().and("tollgate.api.resource", INVOICES))));
        assertEquals(List.of(INVOICES), lastTokenAudience());
    }

    /** The token is for every resource asked for, and so is the one the refresh brings. */
    @Test
    void severalResourcesMakeATokenForEachOfThemAlsoAfterARefresh() {
        TollgateEngine engine = harness.engine(config().and("tollgate.api.resource", " " + INVOICES + " , " + LEDGER));

        assertEquals(200, call(engine));
        assertEquals(List.of(INVOICES, LEDGER), lastTokenAudience());

        harness.clock.advance(Duration.ofHours(2)); // the 1-hour token expired: renewed with its refresh token
        assertEquals(200, call(engine));
        assertEquals(1, simulator.grants("refresh_token"));
        assertEquals(List.of(INVOICES, LEDGER), lastTokenAudience());
    }

    @Test
    void aResourceTheServerRefusesIsARejectionNamingTheResourceKey() {
        var engine = harness.engine(config().and("tollgate.api.resource", "https://api.example.com/payroll"));

        CredentialsRejectedException e = assertThrows(CredentialsRejectedException.class, () -> call(engine));

        assertEquals(400, e.status());
        assertTrue(e.vendorDetail().orElseThrow().startsWith("invalid_target"), e.vendorDetail().orElseThrow());
        assertTrue(e.getMessage().contains("tollgate.api.resource"), e.getMessage());
        assertEquals(0, oauth2.apiRequests().size());
    }

    @Test
    void resourcesThatAreNotAbsoluteUrisWithoutFragmentFailDeploymentNamingTheKey() {
        assertTrue(problem("tollgate.api.resource", "api.example.com/invoices").contains("tollgate.api.resource is not an absolute URI"));
        assertTrue(problem("tollgate.api.resource", INVOICES + "#top").contains("tollgate.api.resource has a fragment"));
        assertTrue(problem("tollgate.api.resource", INVOICES + ",,").contains("tollgate.api.resource has an empty entry (entry 2 of 3)"));
        assertTrue(problem("tollgate.api.resource", INVOICES + "," + INVOICES).contains("tollgate.api.resource lists " + INVOICES + " twice"));
        assertTrue(problem("tollgate.api.resource", "https://api.example.com/a b").contains("tollgate.api.resource is not a URI"));
        assertEquals(0, simulator.tokenRequests());
    }

    private String problem(String key, String value) {
        List<TollgateConfigException> problems = harness.engine(config().and(key, value)).validate("api");
        assertEquals(1, problems.size(), problems.toString());
        return problems.get(0).getMessage();
    }

    @Test
    void aConfiguredTenantAsksForItsOwnResourceAndScope() {
        TollgateEngine engine = harness.engine(config().and("tollgate.api.tenant-required", "false")
                .and("tollgate.api.resource", INVOICES).and("tollgate.api.scope", "invoices:read")
                .and("tollgate.api.tenants.acme.resource", REPORTS).and("tollgate.api.tenants.acme.scope", "invoices:write"));
        var client = harness.client(engine, OAuth2Loopback.CLIENT);

        assertEquals(200, Tollgate.withTenant("acme", () -> oauth2.call(client)));
        assertEquals(List.of(REPORTS), lastTokenAudience());
        assertEquals(200, oauth2.call(client));
        assertEquals(List.of(INVOICES), lastTokenAudience());
    }

    /** A stored tenant's own resource is what its verification asks for: one the server refuses is never stored. */
    @Test
    void aStoredTenantsOwnResourceIsProvenBeforeItIsStored() {
        TollgateEngine engine = harness.engine(TestConfig.with("tollgate.api.provider", OAuth2Provider.ID)
                .and("tollgate.api.base-url", oauth2.url("oauth2/"))
                .and("tollgate.api.token-url", oauth2.url("oauth2/token")));
        Map<String, String> values = Map.of("client-id", BILLING_CLIENT_ID, "client-secret", BILLING_CLIENT_SECRET,
                "resource", "https://api.example.com/payroll");

        CredentialsRejectedException e = assertThrows(CredentialsRejectedException.class,
                () -> CandidateVerification.verify(engine, "api", "newco", values));
        assertTrue(e.vendorDetail().orElseThrow().startsWith("invalid_target"), e.vendorDetail().orElseThrow());

        CandidateVerification.verify(engine, "api", "newco", Map.of("client-id", BILLING_CLIENT_ID, "client-secret",
                BILLING_CLIENT_SECRET, "resource", LEDGER));
        assertEquals(2, simulator.grants("client_credentials"));
    }

    /**
     * An authorization server that records each token request's form and issues a token with a
     * refresh token, and an API that takes any Bearer token.
     */
    @Path("recording")
    public static class RecordingServer {
        final List<MultivaluedMap<String, String>> forms = new CopyOnWriteArrayList<>();

        @GET
        @Path("api")
        public String api() {
            return "{}";
        }

        @POST
        @Path("token")
        @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
        public Response token(MultivaluedMap<String, String> form) {
            forms.add(form);
            return Response.ok("{\"access_token\":\"t-" + forms.size() + "\",\"token_type\":\"Bearer\",\"expires_in\":3600,"
                    + "\"refresh_token\":\"r-" + forms.size() + "\"}", MediaType.APPLICATION_JSON_TYPE).build();
        }
    }

    private final RecordingServer recording = new RecordingServer();
    private final LoopbackServer recordingServer = harness.serve(recording);

    private TestConfig recordingConfig() {
        return config().and("tollgate.api.base-url", recordingServer.url("recording/"))
                .and("tollgate.api.token-url", recordingServer.url("recording/token"));
    }

    private void callRecording(TollgateEngine engine) {
        try (var response = harness.client(engine, OAuth2Loopback.CLIENT).target(recordingServer.url("recording/api")).request().get()) {
            assertEquals(200, response.getStatus());
        }
    }

    /** RFC 8707 §2: each URI its own {@code resource} parameter, in the grant and in the refresh. */
    @Test
    void severalResourcesAreEachTheirOwnParameterInTheGrantAndInTheRefresh() {
        TollgateEngine engine = harness.engine(recordingConfig().and("tollgate.api.resource", INVOICES + "," + LEDGER));

        callRecording(engine);
        harness.clock.advance(Duration.ofHours(2));
        callRecording(engine);

        assertEquals(List.of("refresh_token"), recording.forms.get(1).get("grant_type"));
        for (MultivaluedMap<String, String> form : recording.forms) {
            assertEquals(List.of(INVOICES, LEDGER), form.get("resource"));
        }
    }

    @Test
    void tokenParametersAreSentDecodedInTheGrantAndInTheRefresh() {
        TollgateEngine engine = harness.engine(recordingConfig()
                .and("tollgate.api.token-parameters", "tenant_hint=acme&organization=org%20A%26B&requested_token_use=on_behalf_of"));

        callRecording(engine);
        harness.clock.advance(Duration.ofHours(2));
        callRecording(engine);

        assertEquals(2, recording.forms.size());
        for (MultivaluedMap<String, String> form : recording.forms) {
            assertEquals(List.of("acme"), form.get("tenant_hint"));
            assertEquals(List.of("org A&B"), form.get("organization"));
            assertEquals(List.of("on_behalf_of"), form.get("requested_token_use"));
        }
        assertEquals(List.of("client_credentials"), recording.forms.get(0).get("grant_type"));
        assertEquals(List.of("refresh_token"), recording.forms.get(1).get("grant_type"));
    }

    @Test
    void aConfiguredTenantsTokenParametersReplaceTheClients() {
        TollgateEngine engine = harness.engine(recordingConfig().and("tollgate.api.tenant-required", "false")
                .and("tollgate.api.token-parameters", "tenant_hint=everyone&prompt=none")
                .and("tollgate.api.tenants.acme.token-parameters", "tenant_hint=acme"));

        Tollgate.withTenant("acme", () -> callRecording(engine));

        assertEquals(List.of("acme"), recording.forms.get(0).get("tenant_hint"));
        assertFalse(recording.forms.get(0).containsKey("prompt"));
    }

    @Test
    void tokenParametersTollgateSetsItselfOrThatAreMalformedFailDeploymentNamingTheKey() {
        String key = "tollgate.api.token-parameters";
        assertTrue(problem(key, "client_id=someone-else").contains(key + " sets 'client_id', which Tollgate sets itself"));
        assertTrue(problem(key, "x=1&Grant_Type=password").contains(key + " sets 'Grant_Type', which Tollgate sets itself"));
        assertTrue(problem(key, "resource=https://x.example.com").contains("from tollgate.api.resource; set that key instead"));
        assertTrue(problem(key, "client_secret=" + BILLING_CLIENT_SECRET.replace("%", "%25")).contains("'client_secret'"));
        assertTrue(problem(key, "a=1&a=2").contains(key + " sets 'a' twice"));
        assertTrue(problem(key, "a=1&justaword").contains(key + " has no name=value at entry 2 of 2"));
        assertTrue(problem(key, "a=100%").contains(key + " is not form-urlencoded at entry 1 of 1"));
        assertTrue(problem(key, "a%01=1").contains(key + " has a control character in the name at entry 1 of 1"));
        // a name that does not read as one (a value pasted in its place) is not repeated
        String message = problem(key, "sk-live+8f3Kq9zX%21=1&sk-live+8f3Kq9zX%21=2");
        assertTrue(message.contains(key + " sets the name at entry 2 of 2 twice"), message);
        assertFalse(message.contains("8f3Kq9zX"), message);
        assertEquals(0, simulator.tokenRequests());
    }
}
