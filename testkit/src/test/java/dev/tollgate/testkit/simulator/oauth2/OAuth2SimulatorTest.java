package dev.tollgate.testkit.simulator.oauth2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.testkit.http.LoopbackServer;
import dev.tollgate.testkit.http.RequestJournal;
import dev.tollgate.testkit.time.MutableClock;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Form;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulator answers as RFC 6749 and RFC 6750 say an OAuth2 server does, before anything is tested against it. */
class OAuth2SimulatorTest {

    static final Jsonb JSON = JsonbBuilder.create();
    static final String BILLING_BASIC = OAuth2Fixture.basicAuthorization(
            OAuth2Fixture.BILLING_CLIENT_ID, OAuth2Fixture.BILLING_CLIENT_SECRET);
    static Client client;

    final MutableClock clock = MutableClock.startingAt("2024-05-01T12:00:00Z");
    final RequestJournal journal = new RequestJournal();
    OAuth2Simulator oauth2;
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
        oauth2 = new OAuth2Simulator(OAuth2Clients.standard(), clock, journal);
        server = LoopbackServer.serve(oauth2);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Response token(String authorization, Form form) {
        var request = client.target(server.url("oauth2/token")).request();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request.post(Entity.form(form));
    }

    private static Form clientCredentials() {
        return new Form().param("grant_type", "client_credentials");
    }

    private static Form reportingInBody(Form form) {
        return form.param("client_id", OAuth2Fixture.REPORTING_CLIENT_ID)
                .param("client_secret", OAuth2Fixture.REPORTING_CLIENT_SECRET);
    }

    private static Form refresh(String refreshToken) {
        return new Form().param("grant_type", "refresh_token").param("refresh_token", refreshToken);
    }

    private Response resource(String accessToken) {
        var request = client.target(server.url("oauth2/api/resource")).request();
        return accessToken == null ? request.get() : request.header("Authorization", "Bearer " + accessToken).get();
    }

    /** A successful token response's body. */
    private static Map<?, ?> granted(Response r) {
        assertEquals(200, r.getStatus());
        return JSON.fromJson(r.readEntity(String.class), Map.class);
    }

    private static void assertError(Response r, int status, String error) {
        assertEquals(status, r.getStatus());
        assertEquals(error, JSON.fromJson(r.readEntity(String.class), Map.class).get("error"));
    }

    @Test
    void clientSecretBasicGetsAnRfc6749TokenResponse() {
        try (Response all = token(BILLING_BASIC, clientCredentials());
             Response narrowed = token(BILLING_BASIC, clientCredentials().param("scope", "invoices:read")
                     .param("audience", "https://billing.example.com"))) {
            assertEquals("no-store", all.getHeaderString("Cache-Control"));
            Map<?, ?> body = granted(all);
            assertEquals("Bearer", body.get("token_type"));
            assertEquals(new BigDecimal(3600), body.get("expires_in"));
            assertEquals("invoices:read invoices:write", body.get("scope"));
            assertNotNull(body.get("access_token"));
            assertNotNull(body.get("refresh_token"));
            assertEquals("invoices:read", granted(narrowed).get("scope"));
        }
    }

    @Test
    void basicCredentialsMustBeFormUrlencodedFirst() {
        String raw = OAuth2Fixture.BILLING_CLIENT_ID + ":" + OAuth2Fixture.BILLING_CLIENT_SECRET;
        String unencoded = "Basic " + Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        try (Response r = token(unencoded, clientCredentials())) {
            assertError(r, 401, "invalid_client");
            assertEquals("Basic realm=\"oauth2\"", r.getHeaderString("WWW-Authenticate"));
        }
    }

    @Test
    void eachClientMustUseItsRegisteredAuthenticationMethod() {
        String reportingBasic = OAuth2Fixture.basicAuthorization(
                OAuth2Fixture.REPORTING_CLIENT_ID, OAuth2Fixture.REPORTING_CLIENT_SECRET);
        Form billingInBody = clientCredentials().param("client_id", OAuth2Fixture.BILLING_CLIENT_ID)
                .param("client_secret", OAuth2Fixture.BILLING_CLIENT_SECRET);
        try (Response post = token(null, reportingInBody(clientCredentials()));
             Response postClientViaBasic = token(reportingBasic, clientCredentials());
             Response basicClientViaPost = token(null, billingInBody);
             Response wrongSecret = token(null, clientCredentials().param("client_id", OAuth2Fixture.REPORTING_CLIENT_ID)
                     .param("client_secret", "nope"));
             Response both = token(reportingBasic, reportingInBody(clientCredentials()));
             Response none = token(null, clientCredentials())) {
            assertEquals(new BigDecimal(600), granted(post).get("expires_in"));
            assertError(postClientViaBasic, 401, "invalid_client");
            assertEquals("Basic realm=\"oauth2\"", postClientViaBasic.getHeaderString("WWW-Authenticate"));
            for (Response r : List.of(basicClientViaPost, wrongSecret, none)) {
                assertError(r, 401, "invalid_client");
                assertNull(r.getHeaderString("WWW-Authenticate")); // Basic was not tried
            }
            assertError(both, 400, "invalid_request");
        }
    }

    @Test
    void authenticationsAreCountedPerMethodWhenTheClientProvedItselfTheWayItIsRegistered() {
        String reportingBasic = OAuth2Fixture.basicAuthorization(
                OAuth2Fixture.REPORTING_CLIENT_ID, OAuth2Fixture.REPORTING_CLIENT_SECRET);
        try (Response basic = token(BILLING_BASIC, clientCredentials());
             Response post = token(null, reportingInBody(clientCredentials()));
             Response badScope = token(null, reportingInBody(clientCredentials()).param("scope", "invoices:write"));
             Response wrongMethod = token(reportingBasic, clientCredentials());
             Response wrongSecret = token(null, clientCredentials().param("client_id", OAuth2Fixture.REPORTING_CLIENT_ID)
                     .param("client_secret", "nope"))) {
            assertEquals(200, basic.getStatus());
            assertEquals(200, post.getStatus());
            assertError(badScope, 400, "invalid_scope");
            assertError(wrongMethod, 401, "invalid_client");
            assertError(wrongSecret, 401, "invalid_client");
        }
        assertEquals(1, oauth2.authentications(OAuth2Clients.AuthMethod.CLIENT_SECRET_BASIC));
        // the refused grant was still authenticated; the wrong method and the wrong secret were not
        assertEquals(2, oauth2.authentications(OAuth2Clients.AuthMethod.CLIENT_SECRET_POST));
        assertEquals(0, oauth2.authentications(OAuth2Clients.AuthMethod.PRIVATE_KEY_JWT));
    }

    @Test
    void malformedRequestsGetTheRfc6749ErrorCodes() {
        try (Response noGrant = token(BILLING_BASIC, new Form());
             Response password = token(BILLING_BASIC, new Form().param("grant_type", "password"));
             Response scope = token(BILLING_BASIC, clientCredentials().param("scope", "invoices:read admin"));
             Response repeated = token(BILLING_BASIC, clientCredentials().param("scope", "invoices:read").param("scope", "invoices:write"));
             Response json = client.target(server.url("oauth2/token")).request().header("Authorization", BILLING_BASIC)
                     .post(Entity.json("{\"grant_type\":\"client_credentials\"}"))) {
            assertError(noGrant, 400, "invalid_request");
            assertError(password, 400, "unsupported_grant_type");
            assertError(scope, 400, "invalid_scope");
            assertError(repeated, 400, "invalid_request");
            assertError(json, 400, "invalid_request");
        }
        assertEquals(5, oauth2.tokenRequests());
    }

    @Test
    void aRotatingRefreshTokenWorksOnceAndItsReuseIsInvalidGrant() {
        String first;
        try (Response r = token(BILLING_BASIC, clientCredentials())) {
            first = granted(r).get("refresh_token").toString();
        }
        String second;
        try (Response r = token(BILLING_BASIC, refresh(first))) {
            Map<?, ?> body = granted(r);
            second = body.get("refresh_token").toString();
            assertNotEquals(first, second);
            assertEquals("invoices:read invoices:write", body.get("scope"));
        }
        try (Response reuse = token(BILLING_BASIC, refresh(first));
             Response next = token(BILLING_BASIC, refresh(second))) {
            assertError(reuse, 400, "invalid_grant");
            assertNotNull(granted(next).get("refresh_token"));
        }
    }

    @Test
    void aNonRotatingRefreshTokenKeepsWorkingAndIsNotReissued() {
        String refreshToken;
        try (Response r = token(null, reportingInBody(clientCredentials()))) {
            refreshToken = granted(r).get("refresh_token").toString();
        }
        for (int i = 0; i < 2; i++) {
            try (Response r = token(null, reportingInBody(refresh(refreshToken)))) {
                Map<?, ?> body = granted(r);
                assertNull(body.get("refresh_token"));
                assertEquals("reports:read", body.get("scope"));
            }
        }
    }

    @Test
    void refreshTokensAreBoundToTheirClientAndCanBeRevoked() {
        String billingRefresh;
        try (Response r = token(BILLING_BASIC, clientCredentials())) {
            billingRefresh = granted(r).get("refresh_token").toString();
        }
        String metricsBasic = OAuth2Fixture.basicAuthorization(OAuth2Fixture.METRICS_CLIENT_ID, OAuth2Fixture.METRICS_CLIENT_SECRET);
        try (Response otherClient = token(null, reportingInBody(refresh(billingRefresh)));
             Response metrics = token(metricsBasic, clientCredentials());
             Response metricsRefresh = token(metricsBasic, refresh(billingRefresh));
             Response widened = token(BILLING_BASIC, refresh(billingRefresh).param("scope", "invoices:read admin"))) {
            assertError(otherClient, 400, "invalid_grant");
            assertNull(granted(metrics).get("refresh_token"));
            assertError(metricsRefresh, 400, "unauthorized_client");
            assertError(widened, 400, "invalid_scope");
        }
        String rotated;
        try (Response r = token(BILLING_BASIC, refresh(billingRefresh))) { // the failures did not use it up
            rotated = granted(r).get("refresh_token").toString();
        }
        oauth2.revoke(rotated);
        try (Response revoked = token(BILLING_BASIC, refresh(rotated))) {
            assertError(revoked, 400, "invalid_grant");
        }
    }

    @Test
    void theResourceWantsAValidUnexpiredBearerToken() {
        String accessToken;
        String revoked;
        try (Response a = token(BILLING_BASIC, clientCredentials()); Response b = token(BILLING_BASIC, clientCredentials())) {
            accessToken = granted(a).get("access_token").toString();
            revoked = granted(b).get("access_token").toString();
        }
        oauth2.revoke(revoked);
        try (Response ok = resource(accessToken); Response none = resource(null); Response gone = resource(revoked)) {
            assertEquals(200, ok.getStatus());
            assertEquals("{\"ok\":true}", ok.readEntity(String.class));
            assertEquals(401, none.getStatus());
            assertEquals("Bearer realm=\"oauth2\"", none.getHeaderString("WWW-Authenticate"));
            assertEquals(401, gone.getStatus());
            assertEquals("Bearer error=\"invalid_token\"", gone.getHeaderString("WWW-Authenticate"));
        }
        clock.advance(Duration.ofMinutes(59).plusSeconds(59));
        try (Response stillValid = resource(accessToken)) {
            assertEquals(200, stillValid.getStatus());
        }
        clock.advance(Duration.ofSeconds(1));
        try (Response expired = resource(accessToken)) {
            assertEquals(401, expired.getStatus());
            assertEquals("Bearer error=\"invalid_token\"", expired.getHeaderString("WWW-Authenticate"));
        }
    }

    @Test
    void eachScheduledFaultIsUsedOnceBeforeCredentialsAreCheckedAndCounted() {
        oauth2.faults().status(400).tooManyRequests(Duration.ofSeconds(5)).malformedBody("{\"access_token\":")
                .delay(Duration.ofMillis(100));
        long start = System.nanoTime();
        try (Response invalid = token(null, clientCredentials());
             Response limited = token(null, clientCredentials());
             Response malformed = token(null, clientCredentials());
             Response slowButRefused = token(null, clientCredentials());
             Response normal = token(BILLING_BASIC, clientCredentials())) {
            assertError(invalid, 400, "invalid_request");
            assertError(limited, 429, "temporarily_unavailable");
            assertEquals("5", limited.getHeaderString("Retry-After"));
            assertEquals(200, malformed.getStatus());
            assertEquals("{\"access_token\":", malformed.readEntity(String.class));
            assertError(slowButRefused, 401, "invalid_client");
            granted(normal);
        }
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() >= 100);
        oauth2.faults().failAlways(502);
        try (Response a = token(BILLING_BASIC, clientCredentials()); Response b = token(BILLING_BASIC, clientCredentials())) {
            assertError(a, 502, "server_error");
            assertError(b, 502, "server_error");
        }
        oauth2.faults().clear();
        try (Response r = token(BILLING_BASIC, clientCredentials())) {
            granted(r);
        }
        assertEquals(8, oauth2.tokenRequests());
        assertEquals(8, journal.count());
        assertEquals(0, oauth2.faults().pending());
    }
}
