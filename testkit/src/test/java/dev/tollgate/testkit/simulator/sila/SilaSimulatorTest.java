package dev.tollgate.testkit.simulator.sila;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.testkit.http.LoopbackServer;
import dev.tollgate.testkit.http.RequestJournal;
import dev.tollgate.testkit.time.MutableClock;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulator answers as Sila does (providers/sila/PROTOCOL.md), before anything is tested against it. */
class SilaSimulatorTest {

    static final Jsonb JSON = JsonbBuilder.create();
    static final String ACME_SANDBOX = SilaFixture.basicAuthorization(
            SilaFixture.ACME_SANDBOX_CLIENT_ID, SilaFixture.ACME_SANDBOX_CLIENT_SECRET);
    static final String GLOBEX_SANDBOX = SilaFixture.basicAuthorization(
            SilaFixture.GLOBEX_SANDBOX_CLIENT_ID, SilaFixture.GLOBEX_SANDBOX_CLIENT_SECRET);
    static final String ACME_PRODUCTION = SilaFixture.basicAuthorization(
            SilaFixture.ACME_PRODUCTION_CLIENT_ID, SilaFixture.ACME_PRODUCTION_CLIENT_SECRET);
    static Client client;

    final MutableClock clock = MutableClock.startingAt("2024-05-01T12:00:00Z");
    final RequestJournal journal = new RequestJournal();
    SilaSimulator sila;
    LoopbackServer server;

    @BeforeAll
    static void startClient() {
        client = ClientBuilder.newClient();
    }

    @AfterAll
    static void stopClient() {
        client.close();
    }

    @BeforeEach
    void start() {
        sila = new SilaSimulator(SilaApps.standard(), clock, journal);
        server = LoopbackServer.serve(sila);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Response post(String environment, String endpoint, String authorization, String body) {
        var request = client.target(server.url("sila/" + environment + "/0.2/" + endpoint)).request();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request.post(Entity.json(body));
    }

    private static String header(String handleField, String appHandle) {
        return "{\"header\":{\"created\":1714564800,\"" + handleField + "\":\"" + appHandle
                + "\",\"version\":\"0.2\",\"reference\":\"ref-1\"}}";
    }

    private Response authToken(String environment, String basic, String appHandle) {
        return post(environment, "auth_token", basic, header("app_handle", appHandle));
    }

    /** The token of a successful auth_token call. */
    private String token(String environment, String basic, String appHandle) {
        try (Response r = authToken(environment, basic, appHandle)) {
            assertEquals(200, r.getStatus());
            return accessToken(r).get("token").toString();
        }
    }

    private static Map<?, ?> accessToken(Response r) {
        return (Map<?, ?>) JSON.fromJson(r.readEntity(String.class), Map.class).get("access_token");
    }

    private Response checkHandle(String environment, String authorization, String appHandle) {
        return post(environment, "check_handle", authorization,
                "{\"header\":{\"created\":1714564800,\"app_handle\":\"" + appHandle
                        + "\",\"user_handle\":\"jane.doe\",\"version\":\"0.2\",\"reference\":\"ref-2\"}}");
    }

    private static void assertFailure(Response r, int status, String message) {
        assertEquals(status, r.getStatus());
        assertEquals(Map.of("success", false, "message", message, "status", "FAILURE"),
                JSON.fromJson(r.readEntity(String.class), Map.class));
    }

    @Test
    void authTokenIssuesAJwtLookingEightHourToken() {
        try (Response r = authToken("sandbox", ACME_SANDBOX, SilaFixture.ACME_APP_HANDLE)) {
            assertEquals(200, r.getStatus());
            Map<?, ?> body = JSON.fromJson(r.readEntity(String.class), Map.class);
            assertEquals(true, body.get("success"));
            Map<?, ?> token = (Map<?, ?>) body.get("access_token");
            String value = token.get("token").toString();
            assertEquals(205, value.length());
            assertTrue(value.matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+"), value);
            Instant expiry = clock.instant().plus(Duration.ofHours(8));
            assertEquals(new BigDecimal(expiry.getEpochSecond()), token.get("expiration"));
            assertEquals("2024-05-01T20:00:00Z", token.get("expiration_dt"));
        }
    }

    @Test
    void theSameTokenComesBackWhileMoreThanThirtyMinutesRemainAndAFreshOneAtThirty() {
        String first = token("sandbox", ACME_SANDBOX, SilaFixture.ACME_APP_HANDLE);

        clock.advance(Duration.ofHours(7).plusMinutes(29).plusSeconds(59)); // 30 min 1 s left
        assertEquals(first, token("sandbox", ACME_SANDBOX, SilaFixture.ACME_APP_HANDLE));

        clock.advance(Duration.ofSeconds(1)); // exactly 30 min left
        String second;
        try (Response r = authToken("sandbox", ACME_SANDBOX, SilaFixture.ACME_APP_HANDLE)) {
            Map<?, ?> token = accessToken(r);
            second = token.get("token").toString();
            assertEquals(new BigDecimal(clock.instant().plus(Duration.ofHours(8)).getEpochSecond()),
                    token.get("expiration"));
        }
        assertNotEquals(first, second);
        assertEquals(second, token("sandbox", ACME_SANDBOX, SilaFixture.ACME_APP_HANDLE));

        // the old token stays valid until its own expiry, then only the new one works
        try (Response old = checkHandle("sandbox", "Bearer " + first, SilaFixture.ACME_APP_HANDLE)) {
            assertEquals(200, old.getStatus());
        }
        clock.advance(Duration.ofMinutes(30));
        try (Response old = checkHandle("sandbox", "Bearer " + first, SilaFixture.ACME_APP_HANDLE);
             Response fresh = checkHandle("sandbox", "Bearer " + second, SilaFixture.ACME_APP_HANDLE)) {
            assertFailure(old, 401, "The auth token provided has expired.");
            assertEquals(200, fresh.getStatus());
        }
    }

    @Test
    void aShortLifetimeGivesAFreshTokenEachTimeThatExpiresAfterIt() {
        server.close();
        sila = new SilaSimulator(SilaApps.standard(), clock, journal, Duration.ofSeconds(6));
        server = LoopbackServer.serve(sila);
        String first;
        try (Response r = authToken("sandbox", ACME_SANDBOX, SilaFixture.ACME_APP_HANDLE)) {
            Map<?, ?> token = accessToken(r);
            first = token.get("token").toString();
            assertEquals(new BigDecimal(clock.instant().getEpochSecond() + 6), token.get("expiration"));
        }
        // less than 30 minutes are left from the start, so the reuse rule never hands it out again
        assertNotEquals(first, token("sandbox", ACME_SANDBOX, SilaFixture.ACME_APP_HANDLE));
        clock.advance(Duration.ofSeconds(5));
        try (Response r = checkHandle("sandbox", "Bearer " + first, SilaFixture.ACME_APP_HANDLE)) {
            assertEquals(200, r.getStatus());
        }
        clock.advance(Duration.ofSeconds(1));
        try (Response r = checkHandle("sandbox", "Bearer " + first, SilaFixture.ACME_APP_HANDLE)) {
            assertFailure(r, 401, "The auth token provided has expired.");
        }
    }

    @Test
    void theOlderAuthHandleFieldNameIsAccepted() {
        try (Response r = post("sandbox", "auth_token", ACME_SANDBOX, header("auth_handle", SilaFixture.ACME_APP_HANDLE))) {
            assertEquals(200, r.getStatus());
        }
    }

    @Test
    void badClientCredentialsOrAnotherClientsAppHandleAre401() {
        String wrongSecret = SilaFixture.basicAuthorization(SilaFixture.ACME_SANDBOX_CLIENT_ID, "nope");
        try (Response none = authToken("sandbox", null, SilaFixture.ACME_APP_HANDLE);
             Response wrong = authToken("sandbox", wrongSecret, SilaFixture.ACME_APP_HANDLE);
             Response otherApp = authToken("sandbox", ACME_SANDBOX, SilaFixture.GLOBEX_APP_HANDLE);
             Response bearer = authToken("sandbox", "Bearer x", SilaFixture.ACME_APP_HANDLE)) {
            for (Response r : new Response[] {none, wrong, otherApp, bearer}) {
                assertEquals(401, r.getStatus());
                Map<?, ?> body = JSON.fromJson(r.readEntity(String.class), Map.class);
                assertEquals(false, body.get("success"));
                assertTrue(body.get("message") instanceof String);
            }
        }
    }

    @Test
    void sandboxAndProductionHaveSeparateRegistrations() {
        try (Response sandboxCredentialsOnProduction = authToken("production", ACME_SANDBOX, SilaFixture.ACME_APP_HANDLE);
             Response production = authToken("production", ACME_PRODUCTION, SilaFixture.ACME_APP_HANDLE)) {
            assertEquals(401, sandboxCredentialsOnProduction.getStatus());
            assertEquals(200, production.getStatus());
        }
    }

    @Test
    void aValidBearerTokenPassesCheckHandle() {
        String token = token("sandbox", ACME_SANDBOX, SilaFixture.ACME_APP_HANDLE);
        try (Response r = checkHandle("sandbox", "Bearer " + token, SilaFixture.ACME_APP_HANDLE)) {
            assertEquals(200, r.getStatus());
            assertEquals(Map.of("success", true, "status", "SUCCESS", "message", "jane.doe is available."),
                    JSON.fromJson(r.readEntity(String.class), Map.class));
        }
    }

    @Test
    void protectedEndpointsAnswerWithTheDocumentedMessages() {
        String acme = token("sandbox", ACME_SANDBOX, SilaFixture.ACME_APP_HANDLE);
        String production = token("production", ACME_PRODUCTION, SilaFixture.ACME_APP_HANDLE);
        try (Response otherApp = checkHandle("sandbox", "Bearer " + acme, SilaFixture.GLOBEX_APP_HANDLE);
             Response unknown = checkHandle("sandbox", "Bearer eyJunknown.token.value", SilaFixture.ACME_APP_HANDLE);
             Response otherEnvironment = checkHandle("sandbox", "Bearer " + production, SilaFixture.ACME_APP_HANDLE);
             Response basic = checkHandle("sandbox", ACME_SANDBOX, SilaFixture.ACME_APP_HANDLE);
             Response notEncoded = checkHandle("sandbox", "Bearer not*a(token)", SilaFixture.ACME_APP_HANDLE)) {
            assertFailure(otherApp, 401, "The auth token is invalid.");
            assertFailure(unknown, 401, "The auth token is invalid.");
            assertFailure(otherEnvironment, 403, "The auth token is invalid.");
            assertFailure(basic, 403, "Permission to auth this resource has been denied.");
            assertFailure(notEncoded, 403,
                    "The Authorization: Bearer string is not properly encoded; it must be a base64-encoded ASCII string.");
        }
        clock.advance(Duration.ofHours(8));
        try (Response expired = checkHandle("sandbox", "Bearer " + acme, SilaFixture.ACME_APP_HANDLE)) {
            assertFailure(expired, 401, "The auth token provided has expired.");
        }
    }

    @Test
    void aRevokedTokenIsInvalidAndTheNextAuthTokenCallIssuesAFreshOne() {
        String token = token("sandbox", ACME_SANDBOX, SilaFixture.ACME_APP_HANDLE);
        sila.revoke(token);
        try (Response r = checkHandle("sandbox", "Bearer " + token, SilaFixture.ACME_APP_HANDLE)) {
            assertFailure(r, 401, "The auth token is invalid.");
        }
        assertNotEquals(token, token("sandbox", ACME_SANDBOX, SilaFixture.ACME_APP_HANDLE));
    }

    @Test
    void eachScheduledFaultIsUsedOnceBeforeCredentialsAreCheckedAndCounted() {
        sila.faults().status(500).tooManyRequests(Duration.ofMillis(29_001)).tooManyRequests(null)
                .malformedBody("{\"success\":tru");
        String noCredentials = null;
        try (Response error = authToken("sandbox", noCredentials, SilaFixture.ACME_APP_HANDLE);
             Response limited = authToken("sandbox", ACME_SANDBOX, SilaFixture.ACME_APP_HANDLE);
             Response limitedWithoutHint = authToken("sandbox", ACME_SANDBOX, SilaFixture.ACME_APP_HANDLE);
             Response malformed = authToken("sandbox", ACME_SANDBOX, SilaFixture.ACME_APP_HANDLE);
             Response normal = authToken("sandbox", ACME_SANDBOX, SilaFixture.ACME_APP_HANDLE)) {
            assertEquals(500, error.getStatus());
            assertEquals(Map.of("success", false, "message", "Simulated failure."),
                    JSON.fromJson(error.readEntity(String.class), Map.class));
            assertEquals(429, limited.getStatus());
            assertEquals("30", limited.getHeaderString("Retry-After"));
            assertEquals("0", limited.getHeaderString("RateLimit-Remaining"));
            assertEquals(429, limitedWithoutHint.getStatus());
            assertEquals(null, limitedWithoutHint.getHeaderString("Retry-After"));
            assertEquals(200, malformed.getStatus());
            assertEquals("{\"success\":tru", malformed.readEntity(String.class));
            assertEquals(200, normal.getStatus());
        }
        assertEquals(5, sila.tokenRequests());
        assertEquals(5, journal.count());
        assertEquals(500, journal.requests().get(0).status());
    }

    @Test
    void failAlwaysLastsUntilCleared() {
        sila.faults().failAlways(503);
        for (int i = 0; i < 3; i++) {
            try (Response r = authToken("sandbox", ACME_SANDBOX, SilaFixture.ACME_APP_HANDLE)) {
                assertEquals(503, r.getStatus());
            }
        }
        sila.faults().clear();
        try (Response r = authToken("sandbox", ACME_SANDBOX, SilaFixture.ACME_APP_HANDLE)) {
            assertEquals(200, r.getStatus());
        }
        assertEquals(4, sila.tokenRequests());
    }

    @Test
    void aDelayedRequestIsAnsweredNormallyAfterTheDelay() {
        sila.faults().delay(Duration.ofMillis(200));
        long start = System.nanoTime();
        try (Response r = authToken("sandbox", ACME_SANDBOX, SilaFixture.ACME_APP_HANDLE)) {
            assertEquals(200, r.getStatus());
        }
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() >= 200);
        assertEquals(1, sila.tokenRequests());
    }
}
