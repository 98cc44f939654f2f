package dev.tollgate.testkit.simulator.bigcommerce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.testkit.http.LoopbackServer;
import dev.tollgate.testkit.http.RecordedRequest;
import dev.tollgate.testkit.http.RequestJournal;
import dev.tollgate.testkit.time.MutableClock;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Form;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The simulator's login service (login.bigcommerce.com) answers an app's code exchange as the
 * shared design of issue 13 and BigCommerce's app guide say, and the tokens it issues behave on the
 * API host as BigCommerce's do: before anything is tested against it.
 */
class BigCommerceLoginServiceTest {

    static final Jsonb JSON = JsonbBuilder.create();
    static final String CLIENT_ID = "app-client-9Tq4";
    static final String CLIENT_SECRET = "app-S3cret-for-the-login-tests-0123456789";
    static final String CALLBACK = "https://app.example.com/bigcommerce/auth";
    static final String STORE = "n3wst0re";
    static final String SCOPE = "store_v2_products_read_only store_v2_information_read_only";
    static Client client;

    final MutableClock clock = MutableClock.startingAt("2026-03-01T10:00:00Z");
    final RequestJournal journal = new RequestJournal();
    BigCommerceSimulator bc;
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
        bc = new BigCommerceSimulator(clock, journal).registerApp(CLIENT_ID, CLIENT_SECRET, CALLBACK);
        server = LoopbackServer.serve(bc);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** The body an app posts for this callback, as BigCommerce's guide lists it. */
    private static Map<String, String> exchangeBody(AuthCallback callback) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("client_id", CLIENT_ID);
        body.put("client_secret", CLIENT_SECRET);
        body.put("code", callback.code());
        body.put("scope", callback.scope());
        body.put("grant_type", "authorization_code");
        body.put("redirect_uri", CALLBACK);
        body.put("context", callback.context());
        return body;
    }

    private Response post(Map<String, ?> body) {
        return client.target(server.url("oauth2/token")).request().post(Entity.json(JSON.toJson(body)));
    }

    private Response exchange(AuthCallback callback) {
        return post(exchangeBody(callback));
    }

    /** A Map of the answer's JSON, the way an app reads it. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(Response response) {
        return JSON.fromJson(response.readEntity(String.class), Map.class);
    }

    private String exchangedToken(AuthCallback callback) {
        try (Response r = exchange(callback)) {
            assertEquals(200, r.getStatus());
            return (String) json(r).get("access_token");
        }
    }

    private int products(String store, String token) {
        try (Response r = client.target(server.url("stores/" + store + "/v3/catalog/products")).request()
                .header("X-Auth-Token", token).get()) {
            return r.getStatus();
        }
    }

    private static void assertRefused(Response r, int status, String error) {
        assertEquals(status, r.getStatus());
        assertEquals(error, json(r).get("error"));
        assertEquals("no-store", r.getHeaderString("Cache-Control"));
    }

    @Test
    void aCodeExchangedAnswersTheStoresPermanentTokenWhichWorksOnTheApiHost() {
        AuthCallback callback = bc.install(CLIENT_ID, STORE, SCOPE);
        assertEquals("stores/" + STORE, callback.context());
        assertEquals(SCOPE, callback.scope());

        Map<String, Object> answer;
        try (Response r = exchange(callback)) {
            assertEquals(200, r.getStatus());
            assertEquals("no-store", r.getHeaderString("Cache-Control"));
            answer = json(r);
        }
        String token = (String) answer.get("access_token");
        assertEquals(bc.accessToken(CLIENT_ID, STORE).orElseThrow(), token);
        assertTrue(token.matches("[a-z0-9]{31}"), "an opaque BigCommerce-like token");
        assertEquals(SCOPE, answer.get("scope"));
        assertEquals("stores/" + STORE, answer.get("context"));
        assertEquals(callback.accountUuid(), answer.get("account_uuid"));
        @SuppressWarnings("unchecked") Map<String, Object> user = (Map<String, Object>) answer.get("user");
        @SuppressWarnings("unchecked") Map<String, Object> owner = (Map<String, Object>) answer.get("owner");
        assertTrue(((Number) user.get("id")).longValue() > 0);
        assertTrue(((String) user.get("email")).contains("@"));
        assertTrue(user.containsKey("username"));
        assertEquals(owner.get("id"), user.get("id"), "the owner installed the app");

        assertEquals(200, products(STORE, token));
        try (Response store = client.target(server.url("stores/" + STORE + "/v2/store")).request().header("X-Auth-Token", token).get();
             Response storefront = client.target(server.url("stores/" + STORE + "/v3/storefront/api-token")).request()
                     .header("X-Auth-Token", token)
                     .post(Entity.json("{\"channel_id\":1,\"expires_at\":" + (clock.instant().getEpochSecond() + 3600) + "}"));
             Response payment = client.target(server.url("stores/" + STORE + "/v3/payments/access_tokens")).request()
                     .header("X-Auth-Token", token).post(Entity.json("{\"order\":{\"id\":7}}"))) {
            assertEquals(200, store.getStatus());
            assertEquals(200, storefront.getStatus());
            assertEquals(201, payment.getStatus());
        }
        assertEquals(401, products(BigCommerceFixture.STORE_A_HASH, token), "one store's token is not another's");
        assertEquals(200, products(BigCommerceFixture.STORE_A_HASH, BigCommerceFixture.STORE_A_TOKEN), "fixture stores unchanged");
    }

    @Test
    void everyExchangeIsCountedAndJournaledWithoutItsBody() {
        AuthCallback callback = bc.install(CLIENT_ID, STORE, SCOPE);
        exchangedToken(callback);
        try (Response again = exchange(callback)) {
            assertEquals(400, again.getStatus());
        }
        assertEquals(2, bc.loginRequests());
        List<RecordedRequest> requests = journal.requests();
        assertEquals(2, requests.size());
        assertEquals("POST", requests.get(1).method());
        assertEquals("oauth2/token", requests.get(1).path().replaceFirst("^/", ""));
        assertEquals(400, requests.get(1).status());
        for (RecordedRequest request : requests) {
            String recorded = request.path() + request.headers();
            assertFalse(recorded.contains(callback.code()), "the code travels in the body only");
            assertFalse(recorded.contains(CLIENT_SECRET));
        }
    }

    @Test
    void aCodeIsGoodForOneExchange() {
        AuthCallback callback = bc.install(CLIENT_ID, STORE, SCOPE);
        String token = exchangedToken(callback);
        try (Response again = exchange(callback)) {
            assertRefused(again, 400, "invalid_grant");
        }
        assertEquals(token, bc.accessToken(CLIENT_ID, STORE).orElseThrow(), "the refused second exchange issued nothing");
        assertEquals(200, products(STORE, token));
    }

    @Test
    void ofConcurrentExchangesOfOneCodeExactlyOneSucceeds() throws Exception {
        AuthCallback callback = bc.install(CLIENT_ID, STORE, SCOPE);
        int exchanges = 6;
        ExecutorService pool = Executors.newFixedThreadPool(exchanges);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < exchanges; i++) {
                Callable<Integer> exchange = () -> {
                    go.await(10, TimeUnit.SECONDS);
                    try (Response r = exchange(callback)) {
                        return r.getStatus();
                    }
                };
                statuses.add(pool.submit(exchange));
            }
            go.countDown();
            int ok = 0;
            for (Future<Integer> status : statuses) {
                int s = status.get(30, TimeUnit.SECONDS);
                ok += s == 200 ? 1 : 0;
                assertTrue(s == 200 || s == 400, "status " + s);
            }
            assertEquals(1, ok);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aCodeExpiresThirtySecondsAfterTheInstall() {
        AuthCallback inTime = bc.install(CLIENT_ID, STORE, SCOPE);
        clock.advance(Duration.ofSeconds(29));
        exchangedToken(inTime);

        AuthCallback late = bc.install(CLIENT_ID, STORE, SCOPE);
        clock.advance(Duration.ofSeconds(30));
        try (Response r = exchange(late)) {
            assertRefused(r, 400, "invalid_grant");
        }
    }

    @Test
    void theCodeLifetimeCanBeSet() {
        bc.codeLifetime(Duration.ofMinutes(10));
        AuthCallback callback = bc.install(CLIENT_ID, STORE, SCOPE);
        clock.advance(Duration.ofMinutes(9));
        exchangedToken(callback);
        assertThrows(IllegalArgumentException.class, () -> bc.codeLifetime(Duration.ZERO));
    }

    @Test
    void theRedirectUriMustBeTheRegisteredOneExactly() {
        for (String other : List.of(CALLBACK + "/", CALLBACK.toUpperCase(), CALLBACK + "?x=1", "https://evil.example/bigcommerce/auth")) {
            AuthCallback callback = bc.install(CLIENT_ID, STORE, SCOPE);
            Map<String, String> body = exchangeBody(callback);
            body.put("redirect_uri", other);
            try (Response r = post(body)) {
                assertRefused(r, 400, "invalid_grant");
            }
            try (Response afterwards = exchange(callback)) {
                assertEquals(400, afterwards.getStatus(), "a code gets one try: " + other);
            }
        }
        assertTrue(bc.accessToken(CLIENT_ID, STORE).isEmpty());
    }

    @Test
    void theContextMustNameTheCodesStore() {
        AuthCallback callback = bc.install(CLIENT_ID, STORE, SCOPE);
        Map<String, String> body = exchangeBody(callback);
        body.put("context", "stores/" + BigCommerceFixture.STORE_A_HASH);
        try (Response r = post(body)) {
            assertRefused(r, 400, "invalid_grant");
        }
        assertTrue(bc.accessToken(CLIENT_ID, STORE).isEmpty());
    }

    @Test
    void anotherAppsCodeIsRefusedAndLeftUnused() {
        String otherId = "other-app-3Rk8";
        String otherSecret = "other-app-S3cret-0123456789abcdefghij";
        bc.registerApp(otherId, otherSecret, CALLBACK);
        AuthCallback callback = bc.install(CLIENT_ID, STORE, SCOPE);
        Map<String, String> body = exchangeBody(callback);
        body.put("client_id", otherId);
        body.put("client_secret", otherSecret);
        try (Response r = post(body)) {
            assertRefused(r, 400, "invalid_grant");
        }
        assertTrue(bc.accessToken(otherId, STORE).isEmpty());
        exchangedToken(callback);
    }

    @Test
    void anUnknownClientOrAWrongSecretIsInvalidClient() {
        AuthCallback callback = bc.install(CLIENT_ID, STORE, SCOPE);
        Map<String, String> unknown = exchangeBody(callback);
        unknown.put("client_id", "nobody");
        Map<String, String> wrongSecret = exchangeBody(callback);
        wrongSecret.put("client_secret", CLIENT_SECRET + "x");
        try (Response r = post(unknown)) {
            assertRefused(r, 401, "invalid_client");
        }
        try (Response r = post(wrongSecret)) {
            assertRefused(r, 401, "invalid_client");
        }
        exchangedToken(callback); // an unauthenticated request did not use the code up
    }

    @ParameterizedTest
    @ValueSource(strings = {"client_id", "client_secret", "code", "scope", "grant_type", "redirect_uri", "context"})
    void aMissingParameterIsInvalidRequest(String parameter) {
        AuthCallback callback = bc.install(CLIENT_ID, STORE, SCOPE);
        Map<String, String> body = exchangeBody(callback);
        body.remove(parameter);
        try (Response r = post(body)) {
            assertRefused(r, 400, "invalid_request");
        }
        body = exchangeBody(callback);
        body.put(parameter, "");
        try (Response r = post(body)) {
            assertRefused(r, 400, "invalid_request");
        }
        assertTrue(bc.accessToken(CLIENT_ID, STORE).isEmpty());
    }

    @Test
    void aBodyThatIsNotAJsonObjectIsInvalidRequest() {
        AuthCallback callback = bc.install(CLIENT_ID, STORE, SCOPE);
        Form form = new Form();
        exchangeBody(callback).forEach(form::param);
        try (Response r = client.target(server.url("oauth2/token")).request().post(Entity.form(form))) {
            assertRefused(r, 400, "invalid_request");
        }
        for (String json : List.of("[]", "\"code\"", "{", "", "null", "{\"code\":{\"nested\":true}}")) {
            try (Response r = client.target(server.url("oauth2/token")).request().post(Entity.entity(json, MediaType.APPLICATION_JSON_TYPE))) {
                assertRefused(r, 400, "invalid_request");
            }
        }
        exchangedToken(callback);
    }

    @Test
    void anotherGrantTypeIsUnsupported() {
        AuthCallback callback = bc.install(CLIENT_ID, STORE, SCOPE);
        Map<String, String> body = exchangeBody(callback);
        body.put("grant_type", "client_credentials");
        try (Response r = post(body)) {
            assertRefused(r, 400, "unsupported_grant_type");
        }
    }

    @Test
    void aReinstallsTokenReplacesThePreviousOne() {
        String first = exchangedToken(bc.install(CLIENT_ID, STORE, SCOPE));
        AuthCallback reinstall = bc.install(CLIENT_ID, STORE, SCOPE + " store_v2_orders");
        assertEquals(200, products(STORE, first), "the old token works until the new code is exchanged");

        Map<String, Object> answer;
        try (Response r = exchange(reinstall)) {
            assertEquals(200, r.getStatus());
            answer = json(r);
        }
        String second = (String) answer.get("access_token");
        assertEquals(SCOPE + " store_v2_orders", answer.get("scope"), "the scopes the merchant approved this time");
        assertNotEquals(first, second);
        assertEquals(401, products(STORE, first));
        assertEquals(200, products(STORE, second));
        assertEquals(second, bc.accessToken(CLIENT_ID, STORE).orElseThrow());
    }

    @Test
    void anUninstallRevokesTheTokenAtOnceAndItsPendingCodes() {
        String token = exchangedToken(bc.install(CLIENT_ID, STORE, SCOPE));
        AuthCallback pending = bc.install(CLIENT_ID, STORE, SCOPE);

        assertTrue(bc.installed(CLIENT_ID, STORE));
        String payload = bc.uninstall(CLIENT_ID, STORE);
        assertFalse(bc.installed(CLIENT_ID, STORE));
        assertEquals(3, payload.split("\\.").length);
        assertEquals(401, products(STORE, token));
        assertTrue(bc.accessToken(CLIENT_ID, STORE).isEmpty());
        try (Response r = exchange(pending)) {
            assertRefused(r, 400, "invalid_grant");
        }
        assertThrows(IllegalStateException.class, () -> bc.uninstall(CLIENT_ID, STORE), "BigCommerce sends no second uninstall");
    }

    @Test
    void eachAppHasItsOwnTokenForAStoreAndItsOwnUninstall() {
        String otherId = "other-app-3Rk8";
        String otherSecret = "other-app-S3cret-0123456789abcdefghij";
        bc.registerApp(otherId, otherSecret, "https://other.example.com/auth");
        String mine = exchangedToken(bc.install(CLIENT_ID, STORE, SCOPE));
        AuthCallback theirs = bc.install(otherId, STORE, SCOPE);
        Map<String, String> body = exchangeBody(theirs);
        body.put("client_id", otherId);
        body.put("client_secret", otherSecret);
        body.put("redirect_uri", "https://other.example.com/auth");
        String other;
        try (Response r = post(body)) {
            assertEquals(200, r.getStatus());
            other = (String) json(r).get("access_token");
        }
        assertNotEquals(mine, other);
        assertEquals(200, products(STORE, mine), "another app's install replaces nothing of this app's");

        bc.uninstall(otherId, STORE);
        assertEquals(401, products(STORE, other));
        assertEquals(200, products(STORE, mine));
    }

    @Test
    void anInstallWhoseCodeWasNotExchangedHasNoTokenYet() {
        bc.install(CLIENT_ID, STORE, SCOPE);
        assertTrue(bc.installed(CLIENT_ID, STORE));
        assertTrue(bc.accessToken(CLIENT_ID, STORE).isEmpty());
        assertFalse(bc.installed(CLIENT_ID, BigCommerceFixture.STORE_A_HASH));
    }

    @Test
    void theFixtureAppCannotBeInstalledBeforeItHasAnAuthCallbackUrl() {
        BigCommerceSimulator fresh = new BigCommerceSimulator(clock, journal);
        assertThrows(IllegalStateException.class, () -> fresh.install(BigCommerceFixture.APP_CLIENT_ID, STORE, SCOPE));
        fresh.registerApp(BigCommerceFixture.APP_CLIENT_ID, BigCommerceFixture.APP_CLIENT_SECRET, CALLBACK);
        assertEquals("stores/" + STORE, fresh.install(BigCommerceFixture.APP_CLIENT_ID, STORE, SCOPE).context());
    }

    @Test
    void installRefusesAnUnknownAppAndAMalformedStoreHash() {
        assertThrows(IllegalArgumentException.class, () -> bc.install("nobody", STORE, SCOPE));
        for (String hash : List.of("", "a/b", "store-1", "x".repeat(65))) {
            assertThrows(IllegalArgumentException.class, () -> bc.install(CLIENT_ID, hash, SCOPE), hash);
        }
        assertEquals("stores/" + "x".repeat(64), bc.install(CLIENT_ID, "x".repeat(64), SCOPE).context());
    }

    @Test
    void scheduledFaultsAnswerFirstAndUseNothingUp() {
        AuthCallback callback = bc.install(CLIENT_ID, STORE, SCOPE);
        bc.loginFaults().status(503).tooManyRequests(Duration.ofSeconds(5));
        try (Response unavailable = exchange(callback); Response limited = exchange(callback)) {
            assertRefused(unavailable, 503, "temporarily_unavailable");
            assertEquals(429, limited.getStatus());
            assertEquals("5", limited.getHeaderString("Retry-After"));
        }
        exchangedToken(callback);
        assertEquals(3, bc.loginRequests());
        assertEquals(0, bc.tokenRequests(), "the storefront token endpoint's faults and counts are its own");
    }

    @Test
    void theLoginHostAnswersNothingButTheTokenEndpointToAGet() {
        try (Response r = client.target(server.url("oauth2/token")).request().get()) {
            assertEquals(405, r.getStatus());
        }
    }
}
