package dev.tollgate.testkit.simulator.elasticpath;

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
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.Form;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulator answers as Elastic Path does (providers/elasticpath/PROTOCOL.md), before anything is tested against it. */
class ElasticPathSimulatorTest {

    static final Jsonb JSON = JsonbBuilder.create();
    static Client client;

    final MutableClock clock = MutableClock.startingAt("2024-05-01T12:00:00Z");
    final RequestJournal journal = new RequestJournal();
    ElasticPathSimulator elasticPath;
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
        elasticPath = new ElasticPathSimulator(ElasticPathStores.standard(), clock, journal);
        server = LoopbackServer.serve(elasticPath);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Invocation.Builder request(String region, String path, String bearer) {
        var request = client.target(server.url("elasticpath/" + region + "/" + path)).request();
        return bearer == null ? request : request.header("Authorization", "Bearer " + bearer);
    }

    private Response tokenRequest(String region, Form form) {
        return request(region, "oauth/access_token", null).post(Entity.form(form));
    }

    private static Form clientCredentials(String clientId, String secret) {
        return new Form().param("grant_type", "client_credentials").param("client_id", clientId).param("client_secret", secret);
    }

    private static Form implicit(String clientId) {
        return new Form().param("grant_type", "implicit").param("client_id", clientId);
    }

    private String accessToken(String region, Form form) {
        try (Response r = tokenRequest(region, form)) {
            assertEquals(200, r.getStatus());
            return body(r).get("access_token").toString();
        }
    }

    private String acmeImplicit() {
        return accessToken("useast", implicit(ElasticPathFixture.ACME_CLIENT_ID));
    }

    private String acmeClientCredentials() {
        return accessToken("useast", clientCredentials(ElasticPathFixture.ACME_CLIENT_ID, ElasticPathFixture.ACME_CLIENT_SECRET));
    }

    private static Map<?, ?> body(Response r) {
        return JSON.fromJson(r.readEntity(String.class), Map.class);
    }

    private static Map<?, ?> firstError(Response r) {
        return (Map<?, ?>) ((List<?>) body(r).get("errors")).get(0);
    }

    private static String customerLogin(String email, String password) {
        return "{\"data\":{\"type\":\"token\",\"email\":\"" + email + "\",\"password\":\"" + password
                + "\",\"authentication_mechanism\":\"password\"}}";
    }

    private static String memberLogin(String username, String password) {
        return "{\"data\":{\"type\":\"account_management_authentication_token\",\"authentication_mechanism\":\"password\","
                + "\"password_profile_id\":\"" + ElasticPathFixture.PASSWORD_PROFILE_ID + "\",\"username\":\"" + username
                + "\",\"password\":\"" + password + "\"}}";
    }

    @Test
    void bothGrantsIssueAFreshOneHourTokenEachTime() {
        for (Form form : List.of(implicit(ElasticPathFixture.ACME_CLIENT_ID),
                clientCredentials(ElasticPathFixture.ACME_CLIENT_ID, ElasticPathFixture.ACME_CLIENT_SECRET))) {
            String identifier = form.asMap().getFirst("grant_type");
            try (Response first = tokenRequest("useast", form); Response second = tokenRequest("useast", form)) {
                assertEquals(200, first.getStatus());
                Map<?, ?> a = body(first);
                Map<?, ?> b = body(second);
                assertEquals(identifier, a.get("identifier"));
                assertEquals("Bearer", a.get("token_type"));
                assertEquals(new BigDecimal(3600), a.get("expires_in"));
                assertEquals(new BigDecimal(clock.instant().getEpochSecond() + 3600), a.get("expires"));
                assertTrue(a.get("access_token").toString().matches("[0-9a-f]{40}"));
                assertNotEquals(a.get("access_token"), b.get("access_token"));
            }
        }
        assertEquals(4, elasticPath.tokenRequests());
    }

    @Test
    void aShortAccessLifetimeIsTheTokensExpiryAndExpiresIn() {
        server.close();
        elasticPath = new ElasticPathSimulator(ElasticPathStores.standard(), clock, journal, Duration.ofSeconds(6));
        server = LoopbackServer.serve(elasticPath);
        String token;
        try (Response r = tokenRequest("useast", implicit(ElasticPathFixture.ACME_CLIENT_ID))) {
            Map<?, ?> a = body(r);
            assertEquals(new BigDecimal(6), a.get("expires_in"));
            assertEquals(new BigDecimal(clock.instant().getEpochSecond() + 6), a.get("expires"));
            token = a.get("access_token").toString();
        }
        clock.advance(Duration.ofSeconds(5));
        try (Response r = request("useast", "v2/products", token).get()) {
            assertEquals(200, r.getStatus());
        }
        clock.advance(Duration.ofSeconds(1));
        try (Response r = request("useast", "v2/products", token).get()) {
            assertEquals(401, r.getStatus());
        }
    }

    @Test
    void wrongCredentialsUnknownGrantAndMalformedRequestsAreRefused() {
        try (Response wrongSecret = tokenRequest("useast", clientCredentials(ElasticPathFixture.ACME_CLIENT_ID, "nope"));
             Response noSecretStore = tokenRequest("useast", clientCredentials(ElasticPathFixture.STOREFRONT_ONLY_CLIENT_ID, "x"));
             Response unknownGrant = tokenRequest("useast", new Form().param("grant_type", "password")
                     .param("client_id", ElasticPathFixture.ACME_CLIENT_ID));
             Response otherRegion = tokenRequest("euwest", implicit(ElasticPathFixture.ACME_CLIENT_ID));
             Response noGrant = tokenRequest("useast", new Form().param("client_id", ElasticPathFixture.ACME_CLIENT_ID));
             Response json = request("useast", "oauth/access_token", null).post(Entity.json("{\"grant_type\":\"implicit\"}"))) {
            for (Response r : List.of(wrongSecret, noSecretStore, unknownGrant, otherRegion)) {
                assertEquals(401, r.getStatus());
                assertEquals(new BigDecimal(401), firstError(r).get("status"));
            }
            assertEquals(400, noGrant.getStatus());
            assertEquals(400, json.getStatus());
            assertEquals(new BigDecimal(400), firstError(json).get("status"));
        }
        assertEquals(6, elasticPath.tokenRequests());
        assertEquals(6, journal.count());
    }

    @Test
    void productsTakeEitherTokenButOnlyClientCredentialsMayWrite() {
        String implicit = acmeImplicit();
        String backend = acmeClientCredentials();
        String product = "{\"data\":{\"type\":\"product\",\"attributes\":{\"name\":\"Tandem\"}}}";
        try (Response readImplicit = request("useast", "v2/products", implicit).get();
             Response readBackend = request("useast", "v2/products", backend).get();
             Response writeImplicit = request("useast", "v2/products", implicit).post(Entity.json(product));
             Response writeBackend = request("useast", "v2/products", backend).post(Entity.json(product))) {
            assertEquals(200, readImplicit.getStatus());
            assertEquals(2, ((List<?>) body(readImplicit).get("data")).size());
            assertEquals(200, readBackend.getStatus());
            assertEquals(403, writeImplicit.getStatus());
            assertEquals("403", firstError(writeImplicit).get("status")); // a string, unlike the 401s
            assertEquals(201, writeBackend.getStatus());
            assertEquals(Map.of("name", "Tandem"), ((Map<?, ?>) body(writeBackend).get("data")).get("attributes"));
        }
    }

    @Test
    void missingUnknownExpiredRevokedOrForeignRegionTokensCannotValidate() {
        String expiring = acmeImplicit();
        String revoked = acmeImplicit();
        String euwest = accessToken("euwest", implicit(ElasticPathFixture.GLOBEX_CLIENT_ID));
        elasticPath.revoke(revoked);
        try (Response missing = request("useast", "v2/products", null).get();
             Response unknown = request("useast", "v2/products", "0123456789abcdef0123456789abcdef01234567").get();
             Response revokedToken = request("useast", "v2/products", revoked).get();
             Response foreignRegion = request("useast", "v2/products", euwest).get();
             Response ownRegion = request("euwest", "v2/products", euwest).get()) {
            for (Response r : List.of(missing, unknown, revokedToken, foreignRegion)) {
                assertEquals(401, r.getStatus());
                assertEquals("{\"errors\":[{\"status\":401,\"title\":\"Unable to validate access token\"}]}",
                        r.readEntity(String.class));
            }
            assertEquals(200, ownRegion.getStatus());
        }
        clock.advance(Duration.ofHours(1));
        try (Response expired = request("useast", "v2/products", expiring).get()) {
            assertEquals(401, expired.getStatus());
        }
    }

    @Test
    void aCustomerTokenExpiresInEpochSecondsAndOpensOnlyItsOwnCustomer() {
        String implicit = acmeImplicit();
        String customerToken;
        try (Response r = request("useast", "v2/customers/tokens", implicit)
                .post(Entity.json(customerLogin(ElasticPathFixture.JANE_EMAIL, ElasticPathFixture.JANE_PASSWORD)))) {
            assertEquals(200, r.getStatus());
            Map<?, ?> data = (Map<?, ?>) body(r).get("data");
            assertEquals("token", data.get("type"));
            assertEquals(ElasticPathFixture.JANE_CUSTOMER_ID, data.get("customer_id"));
            assertTrue(data.get("id").toString().matches("[0-9a-f-]{36}"));
            assertEquals(new BigDecimal(clock.instant().plus(Duration.ofHours(24)).getEpochSecond()), data.get("expires"));
            customerToken = data.get("token").toString();
        }
        String customerPath = "v2/customers/" + ElasticPathFixture.JANE_CUSTOMER_ID;
        try (Response own = request("useast", customerPath, implicit).header("X-Moltin-Customer-Token", customerToken).get();
             Response other = request("useast", "v2/customers/someone-else", implicit).header("X-Moltin-Customer-Token", customerToken).get();
             Response withoutCustomerToken = request("useast", customerPath, implicit).get();
             Response withoutBearer = client.target(server.url("elasticpath/useast/" + customerPath)).request()
                     .header("X-Moltin-Customer-Token", customerToken).get();
             Response badLogin = request("useast", "v2/customers/tokens", implicit)
                     .post(Entity.json(customerLogin(ElasticPathFixture.JANE_EMAIL, "wrong")))) {
            assertEquals(200, own.getStatus());
            assertEquals(Map.of("data", Map.of("type", "customer", "id", ElasticPathFixture.JANE_CUSTOMER_ID,
                    "email", ElasticPathFixture.JANE_EMAIL)), body(own));
            assertEquals(403, other.getStatus());
            assertEquals(401, withoutCustomerToken.getStatus());
            assertEquals(401, withoutBearer.getStatus());
            assertEquals(401, badLogin.getStatus());
            assertEquals(new BigDecimal(401), firstError(badLogin).get("status"));
        }
        clock.advance(Duration.ofHours(24));
        String freshImplicit = acmeImplicit();
        try (Response expired = request("useast", customerPath, freshImplicit).header("X-Moltin-Customer-Token", customerToken).get()) {
            assertEquals(401, expired.getStatus());
        }
    }

    @Test
    void accountMemberTokensComeOnePerAccountWithIsoExpiries() {
        String implicit = acmeImplicit();
        List<?> entries;
        try (Response r = request("useast", "v2/account-members/tokens", implicit)
                .post(Entity.json(memberLogin(ElasticPathFixture.BOB_USERNAME, ElasticPathFixture.BOB_PASSWORD)))) {
            assertEquals(201, r.getStatus());
            Map<?, ?> body = body(r);
            assertEquals(Map.of(), body.get("meta"));
            assertEquals(Map.of(), body.get("links"));
            entries = (List<?>) body.get("data");
        }
        assertEquals(2, entries.size());
        Map<?, ?> first = (Map<?, ?>) entries.get(0);
        Map<?, ?> second = (Map<?, ?>) entries.get(1);
        assertEquals("account_management_authentication_token", first.get("type"));
        assertEquals(ElasticPathFixture.BOB_FIRST_ACCOUNT_ID, first.get("account_id"));
        assertEquals("Bob's Bikes", first.get("account_name"));
        assertEquals("2024-05-02T12:00:00Z", first.get("expires")); // an ISO string, not epoch seconds
        assertEquals(ElasticPathFixture.BOB_SECOND_ACCOUNT_ID, second.get("account_id"));
        assertNotEquals(first.get("token"), second.get("token"));

        String accountPath = "v2/accounts/" + ElasticPathFixture.BOB_FIRST_ACCOUNT_ID;
        String accountHeader = "EP-Account-Management-Authentication-Token";
        try (Response own = request("useast", accountPath, implicit).header(accountHeader, first.get("token")).get();
             Response otherAccount = request("useast", accountPath, implicit).header(accountHeader, second.get("token")).get();
             Response none = request("useast", accountPath, implicit).get();
             Response badLogin = request("useast", "v2/account-members/tokens", implicit)
                     .post(Entity.json(memberLogin(ElasticPathFixture.BOB_USERNAME, "wrong")))) {
            assertEquals(200, own.getStatus());
            assertEquals(Map.of("data", Map.of("type", "account", "id", ElasticPathFixture.BOB_FIRST_ACCOUNT_ID,
                    "name", "Bob's Bikes")), body(own));
            assertEquals(403, otherAccount.getStatus());
            assertEquals(401, none.getStatus());
            assertEquals(401, badLogin.getStatus());
        }
        elasticPath.revoke(first.get("token").toString());
        try (Response revoked = request("useast", accountPath, implicit).header(accountHeader, first.get("token")).get()) {
            assertEquals(401, revoked.getStatus());
        }
    }

    @Test
    void eachScheduledFaultIsUsedOnceBeforeCredentialsAreCheckedAndCounted() {
        elasticPath.faults().status(503).tooManyRequests(Duration.ofSeconds(2)).malformedBody("<html>oops</html>")
                .delay(Duration.ofMillis(100));
        Form wrong = clientCredentials(ElasticPathFixture.ACME_CLIENT_ID, "wrong");
        long start = System.nanoTime();
        try (Response unavailable = tokenRequest("useast", wrong);
             Response limited = tokenRequest("useast", wrong);
             Response malformed = tokenRequest("useast", implicit(ElasticPathFixture.ACME_CLIENT_ID));
             Response slowButRefused = tokenRequest("useast", wrong)) {
            assertEquals(503, unavailable.getStatus());
            assertEquals(new BigDecimal(503), firstError(unavailable).get("status"));
            assertEquals(429, limited.getStatus());
            assertEquals("2", limited.getHeaderString("Retry-After"));
            assertEquals(200, malformed.getStatus());
            assertEquals("<html>oops</html>", malformed.readEntity(String.class));
            assertEquals(401, slowButRefused.getStatus());
        }
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() >= 100);
        elasticPath.faults().failAlways(500);
        try (Response a = tokenRequest("useast", implicit(ElasticPathFixture.ACME_CLIENT_ID));
             Response b = tokenRequest("useast", implicit(ElasticPathFixture.ACME_CLIENT_ID))) {
            assertEquals(500, a.getStatus());
            assertEquals(500, b.getStatus());
        }
        elasticPath.faults().clear();
        assertEquals(200, tokenRequest("useast", implicit(ElasticPathFixture.ACME_CLIENT_ID)).getStatus());
        assertEquals(7, elasticPath.tokenRequests());
        assertEquals(7, journal.count());
    }
}
