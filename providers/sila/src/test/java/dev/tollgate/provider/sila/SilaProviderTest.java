package dev.tollgate.provider.sila;

import static dev.tollgate.testkit.simulator.sila.SilaFixture.ACME_APP_HANDLE;
import static dev.tollgate.testkit.simulator.sila.SilaFixture.ACME_SANDBOX_CLIENT_ID;
import static dev.tollgate.testkit.simulator.sila.SilaFixture.ACME_SANDBOX_CLIENT_SECRET;
import static dev.tollgate.testkit.simulator.sila.SilaFixture.GLOBEX_APP_HANDLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.CredentialsRejectedException;
import dev.tollgate.api.Tollgate;
import dev.tollgate.api.TollgateConfigException;
import dev.tollgate.engine.TollgateEngine;
import dev.tollgate.engine.testing.EngineHarness;
import dev.tollgate.testkit.config.TestConfig;
import dev.tollgate.testkit.http.LoopbackServer;
import dev.tollgate.testkit.http.RecordedRequest;
import dev.tollgate.testkit.http.RequestJournal;
import dev.tollgate.testkit.log.SecretScan;
import dev.tollgate.testkit.log.SecretSpellings;
import dev.tollgate.testkit.simulator.sila.SilaApps;
import dev.tollgate.testkit.simulator.sila.SilaSimulator;
import dev.tollgate.testkit.time.MutableClock;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Sila against its simulator: Basic for auth_token, Bearer elsewhere, the 30-minute reuse rule. */
class SilaProviderTest {

    @RegisterExtension
    final EngineHarness harness = new EngineHarness("2026-11-22T08:00:00Z");
    private final MutableClock clock = harness.clock;
    private final RequestJournal journal = harness.journal;
    private final SilaSimulator sila = new SilaSimulator(SilaApps.standard(), clock, journal);
    private final LoopbackServer server = harness.serve(sila);
    private TollgateEngine engine;
    private Client client;

    private TestConfig config() {
        return TestConfig.with("tollgate.sila.provider", "sila")
                .and("tollgate.sila.base-url", server.url("sila/sandbox/0.2"))
                .and("tollgate.sila.client-id", ACME_SANDBOX_CLIENT_ID)
                .and("tollgate.sila.client-secret", ACME_SANDBOX_CLIENT_SECRET)
                .and("tollgate.sila.app-handle", ACME_APP_HANDLE);
    }

    private Client start(TestConfig config) {
        engine = harness.engine(config);
        client = harness.client(engine, "sila");
        return client;
    }

    private Response checkHandle(String environment, String appHandle) {
        Map<String, Object> body = Map.of("header", Map.of("created", clock.instant().getEpochSecond(),
                "app_handle", appHandle, "user_handle", "user.silamoney.eth", "version", "0.2", "reference", "r-1"));
        return client.target(server.url("sila/" + environment + "/0.2/check_handle")).request().post(Entity.json(body));
    }

    private List<RecordedRequest> apiCalls() {
        return journal.requests().stream().filter(r -> r.path().endsWith("/check_handle")).toList();
    }

    @Test
    void basicCredentialsGoOnlyToAuthTokenAndTheBearerTokenEverywhereElse() {
        start(config());
        try (Response r = checkHandle("sandbox", ACME_APP_HANDLE)) {
            assertEquals(200, r.getStatus());
        }
        RecordedRequest tokenRequest = journal.requests().get(0);
        assertTrue(tokenRequest.path().endsWith("/auth_token"));
        assertTrue(tokenRequest.header("Authorization").orElseThrow().startsWith("Basic "));
        assertTrue(apiCalls().get(0).header("Authorization").orElseThrow().startsWith("Bearer "));
    }

    @Test
    void underSteadyTrafficThereIsOneTokenRequestPerSevenAndAHalfHours() {
        start(config());
        int hours = 48;
        for (int minute = 0; minute < hours * 60; minute++) {
            try (Response r = checkHandle("sandbox", ACME_APP_HANDLE)) {
                assertEquals(200, r.getStatus(), "a call was refused at minute " + minute);
            }
            clock.advance(Duration.ofMinutes(1));
        }
        // tokens live 8 h; at 30 minutes left Sila issues a new one: 48 h / 7.5 h = 6.4, so 7 requests
        System.out.println("sila: " + hours * 60 + " calls over " + hours + " h of simulated time, "
                + sila.tokenRequests() + " token requests");
        assertEquals(7, sila.tokenRequests());
        Set<String> tokens = apiCalls().stream().map(r -> r.header("Authorization").orElseThrow()).collect(Collectors.toSet());
        assertEquals(7, tokens.size(), "each token request brought a new token (none asked while >30 min remained)");
    }

    @Test
    void aRefreshWindowLongerThanSilasReuseWindowIsRefusedWithTheReason() {
        TollgateEngine bad = harness.engine(config().and("tollgate.sila.refresh-before", "PT45M"));
        TollgateConfigException e = assertThrows(TollgateConfigException.class, () -> bad.feature("sila"));
        assertTrue(e.getMessage().contains("tollgate.sila.refresh-before is longer than 30 minutes"), e.getMessage());
    }

    @Test
    void aTenantsRefreshWindowLongerThanSilasIsRefusedBeforeAnyTokenRequest() {
        // plain Java without validateConfiguredClients(): the first call is where the cap is met
        start(config().and("tollgate.sila.tenants.acme.refresh-before", "PT45M"));
        TollgateConfigException e = assertThrows(TollgateConfigException.class, () -> client
                .target(server.url("sila/sandbox/0.2/check_handle")).request().property(Tollgate.TENANT_PROPERTY, "acme")
                .post(Entity.json(Map.of())).close());
        assertTrue(e.getMessage().contains("tollgate.sila.tenants.acme.refresh-before is longer than 30 minutes"), e.getMessage());
        assertEquals(0, sila.tokenRequests(), "Sila's rate-limited auth_token was asked for a token that could not be kept");
    }

    /** A Sila-like auth_token that quotes the request's Authorization header in its refusal. */
    @Path("careless/0.2/auth_token")
    public static class EchoingAuthToken {
        @POST
        public Response authToken(@HeaderParam("Authorization") String authorization) {
            return Response.status(401).type(MediaType.APPLICATION_JSON_TYPE).entity("{\"success\":false,"
                    + "\"message\":\"Invalid client credentials in " + authorization + "\",\"status\":\"FAILURE\"}").build();
        }
    }

    @Test
    void anAuthTokenRefusalThatEchoesTheBasicHeaderShowsNoneOfIt() {
        try (LoopbackServer careless = LoopbackServer.serve(new EchoingAuthToken())) {
            start(config().and("tollgate.sila.base-url", careless.url("careless/0.2")));
            CredentialsRejectedException e = assertThrows(CredentialsRejectedException.class,
                    () -> client.target(careless.url("careless/0.2/check_handle")).request().post(Entity.json(Map.of())).close());
            assertEquals("Invalid client credentials in Basic ****", e.vendorDetail().orElseThrow());
            assertFalse(SecretScan.containsAny(e.getMessage(), SecretSpellings.of(ACME_SANDBOX_CLIENT_SECRET)), e.getMessage());
        }
    }

    @Test
    void wrongCredentialsAreRejectedNamingTheKeys() {
        start(config().and("tollgate.sila.client-secret", "wrong-secret-value"));
        CredentialsRejectedException e = assertThrows(CredentialsRejectedException.class,
                () -> checkHandle("sandbox", ACME_APP_HANDLE));
        assertEquals(401, e.status());
        assertTrue(e.getMessage().contains("tollgate.sila.client-secret"), e.getMessage());
        assertEquals(0, apiCalls().size());
    }

    /** Sila's auth_token refused the app's credentials: the message names that endpoint, not the API. */
    @Test
    void wrongCredentialsAreRefusedByTheAuthTokenEndpointNamedInTheMessage() {
        start(config().and("tollgate.sila.client-secret", "wrong-secret-value"));
        CredentialsRejectedException e = assertThrows(CredentialsRejectedException.class,
                () -> checkHandle("sandbox", ACME_APP_HANDLE));
        assertTrue(e.getMessage().startsWith("client 'sila' (provider sila): the token endpoint " + server.url("sila/sandbox/0.2/auth_token")
                + " refused the credentials sent for the access-token (HTTP 401)"), e.getMessage());
        assertFalse(e.getMessage().contains("the API"), e.getMessage());
    }

    @Test
    void aRevokedTokenIsReplacedAndTheCallRepeatedOnce() {
        start(config());
        checkHandle("sandbox", ACME_APP_HANDLE).close();
        sila.revoke(apiCalls().get(0).header("Authorization").orElseThrow().substring("Bearer ".length()));
        clock.advance(Duration.ofMinutes(31)); // Sila would otherwise hand the same token back
        try (Response r = checkHandle("sandbox", ACME_APP_HANDLE)) {
            assertEquals(200, r.getStatus());
        }
        assertEquals(401, apiCalls().get(1).status());
        assertEquals(2, sila.tokenRequests());
    }

    @Test
    void aSandboxTokenSentToProductionIsARejectionWithSilasMessage() {
        start(config());
        CredentialsRejectedException e = assertThrows(CredentialsRejectedException.class,
                () -> checkHandle("production", ACME_APP_HANDLE));
        assertEquals(403, e.status());
        assertEquals("The auth token is invalid.", e.vendorDetail().orElseThrow());
    }

    /** Sila's production API refused a sandbox token: the API refused it, at its origin. */
    @Test
    void aSandboxTokenSentToProductionSaysTheApiRefusedIt() {
        start(config());
        CredentialsRejectedException e = assertThrows(CredentialsRejectedException.class,
                () -> checkHandle("production", ACME_APP_HANDLE));
        assertTrue(e.getMessage().startsWith("client 'sila' (provider sila): the API at http://127.0.0.1:" + server.baseUri().getPort()
                + " refused the access-token (HTTP 403): The auth token is invalid. "), e.getMessage());
    }

    @Test
    void anotherAppsTokenIs401InvalidAndNotRepeatedForever() {
        start(config());
        CredentialsRejectedException e = assertThrows(CredentialsRejectedException.class,
                () -> checkHandle("sandbox", GLOBEX_APP_HANDLE));
        assertEquals(401, e.status());
        assertEquals("The auth token is invalid.", e.vendorDetail().orElseThrow());
        assertEquals(2, apiCalls().size(), "one call and one repeat");
    }
}
