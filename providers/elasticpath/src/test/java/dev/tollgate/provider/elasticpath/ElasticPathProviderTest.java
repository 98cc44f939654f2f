package dev.tollgate.provider.elasticpath;

import static dev.tollgate.testkit.simulator.elasticpath.ElasticPathFixture.ACME_CLIENT_ID;
import static dev.tollgate.testkit.simulator.elasticpath.ElasticPathFixture.ACME_CLIENT_SECRET;
import static dev.tollgate.testkit.simulator.elasticpath.ElasticPathFixture.BOB_FIRST_ACCOUNT_ID;
import static dev.tollgate.testkit.simulator.elasticpath.ElasticPathFixture.BOB_PASSWORD;
import static dev.tollgate.testkit.simulator.elasticpath.ElasticPathFixture.BOB_SECOND_ACCOUNT_ID;
import static dev.tollgate.testkit.simulator.elasticpath.ElasticPathFixture.BOB_USERNAME;
import static dev.tollgate.testkit.simulator.elasticpath.ElasticPathFixture.JANE_CUSTOMER_ID;
import static dev.tollgate.testkit.simulator.elasticpath.ElasticPathFixture.JANE_EMAIL;
import static dev.tollgate.testkit.simulator.elasticpath.ElasticPathFixture.JANE_PASSWORD;
import static dev.tollgate.testkit.simulator.elasticpath.ElasticPathFixture.PASSWORD_PROFILE_ID;
import static dev.tollgate.testkit.simulator.elasticpath.ElasticPathFixture.STOREFRONT_ONLY_CLIENT_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.CredentialsRejectedException;
import dev.tollgate.engine.TollgateEngine;
import dev.tollgate.engine.observe.Measurement;
import dev.tollgate.engine.observe.Metric;
import dev.tollgate.engine.testing.EngineHarness;
import dev.tollgate.engine.testing.LogRecords;
import dev.tollgate.testkit.config.TestConfig;
import dev.tollgate.testkit.http.LoopbackServer;
import dev.tollgate.testkit.http.RecordedRequest;
import dev.tollgate.testkit.http.RequestJournal;
import dev.tollgate.testkit.log.ConfiguredSecrets;
import dev.tollgate.testkit.simulator.elasticpath.ElasticPathSimulator;
import dev.tollgate.testkit.simulator.elasticpath.ElasticPathStores;
import dev.tollgate.testkit.time.MutableClock;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Elastic Path against its simulator: both grants, and shopper tokens riding along per shopper. */
class ElasticPathProviderTest {

    private static final String SECOND_CUSTOMER_ID = "7e6d5c4b-3a29-4818-a7f6-e5d4c3b2a190";
    private static final String SECOND_EMAIL = "sam.shopper@example.com";
    private static final String SECOND_PASSWORD = ConfiguredSecrets.record("another-long-passphrase-2");

    @RegisterExtension
    final EngineHarness harness = new EngineHarness("2026-11-22T08:00:00Z");
    private final MutableClock clock = harness.clock;
    private final RequestJournal journal = harness.journal;
    private final ElasticPathStores stores = ElasticPathStores.standard()
            .customer(ACME_CLIENT_ID, new ElasticPathStores.Customer(SECOND_CUSTOMER_ID, SECOND_EMAIL, SECOND_PASSWORD));
    private final ElasticPathSimulator ep = new ElasticPathSimulator(stores, clock, journal);
    private final LoopbackServer server = harness.serve(ep);
    private TollgateEngine engine;
    private Client client;

    private String url(String path) {
        return server.url("elasticpath/useast/" + path);
    }

    private Client start(String clientId, String clientSecretOrNull) {
        TestConfig config = TestConfig.with("tollgate.ep.provider", "elasticpath")
                .and("tollgate.ep.base-url", server.url("elasticpath/useast"))
                .and("tollgate.ep.client-id", clientId);
        if (clientSecretOrNull != null) {
            config.and("tollgate.ep.client-secret", clientSecretOrNull);
        }
        engine = harness.engine(config);
        client = harness.client(engine, "ep");
        return client;
    }

    private List<RecordedRequest> requestsTo(String pathEnd) {
        return journal.requests().stream().filter(r -> r.path().endsWith(pathEnd)).toList();
    }

    @Test
    void withoutASecretTheImplicitGrantGivesAReadOnlyStorefrontToken() {
        start(STOREFRONT_ONLY_CLIENT_ID, null);
        try (Response read = client.target(url("v2/products")).request().get();
             Response write = client.target(url("v2/products")).request().post(Entity.json(Map.of("data", Map.of("type", "product"))))) {
            assertEquals(200, read.getStatus());
            assertEquals(403, write.getStatus(), "an ordinary 403 (no permission) reaches the application as it is");
        }
        assertEquals(1, ep.tokenRequests());
        assertTrue(requestsTo("/v2/products").get(0).header("Authorization").orElseThrow().startsWith("Bearer "));
    }

    @Test
    void withASecretTheClientCredentialsGrantGivesAWritingBackendToken() {
        start(ACME_CLIENT_ID, ACME_CLIENT_SECRET);
        try (Response write = client.target(url("v2/products")).request().post(Entity.json(Map.of("data",
                Map.of("type", "product", "attributes", Map.of("name", "Mug")))))) {
            assertTrue(write.getStatus() / 100 == 2, "status " + write.getStatus());
        }
    }

    @Test
    void theTokenIsRenewedFromItsExpiresField() {
        start(ACME_CLIENT_ID, ACME_CLIENT_SECRET);
        client.target(url("v2/products")).request().get().close();
        clock.advance(Duration.ofMinutes(30));
        client.target(url("v2/products")).request().get().close();
        assertEquals(1, ep.tokenRequests());
        clock.advance(Duration.ofMinutes(31)); // past the hour
        client.target(url("v2/products")).request().get().close();
        assertEquals(2, ep.tokenRequests());
    }

    @Test
    void aCustomerTokenRidesAlongWithTheBearerTokenPerShopper() {
        start(ACME_CLIENT_ID, null);
        for (int i = 0; i < 3; i++) {
            try (Response jane = client.target(url("v2/customers/" + JANE_CUSTOMER_ID)).request()
                    .property(ElasticPathShopper.PROPERTY, ElasticPathShopper.customer(JANE_EMAIL, JANE_PASSWORD)).get();
                 Response sam = client.target(url("v2/customers/" + SECOND_CUSTOMER_ID)).request()
                    .property(ElasticPathShopper.PROPERTY, ElasticPathShopper.customer(SECOND_EMAIL, SECOND_PASSWORD)).get()) {
                assertEquals(200, jane.getStatus());
                assertEquals(200, sam.getStatus());
            }
        }
        List<RecordedRequest> janeCalls = requestsTo("/v2/customers/" + JANE_CUSTOMER_ID);
        List<RecordedRequest> samCalls = requestsTo("/v2/customers/" + SECOND_CUSTOMER_ID);
        String janeToken = janeCalls.get(0).header("X-Moltin-Customer-Token").orElseThrow();
        assertTrue(janeCalls.stream().allMatch(r -> r.header("X-Moltin-Customer-Token").orElseThrow().equals(janeToken)));
        assertNotEquals(janeToken, samCalls.get(0).header("X-Moltin-Customer-Token").orElseThrow());
        assertTrue(janeCalls.get(0).header("Authorization").orElseThrow().startsWith("Bearer "));
        assertEquals(2, requestsTo("/v2/customers/tokens").size(), "one login per shopper, then the cached token");
        assertEquals(1, ep.tokenRequests(), "one Bearer token for both shoppers");

        // customer tokens expire after about a day (epoch seconds): the next call logs in again
        clock.advance(Duration.ofHours(25));
        client.target(url("v2/customers/" + JANE_CUSTOMER_ID)).request()
                .property(ElasticPathShopper.PROPERTY, ElasticPathShopper.customer(JANE_EMAIL, JANE_PASSWORD)).get().close();
        assertEquals(3, requestsTo("/v2/customers/tokens").size());
    }

    @Test
    void aCallWithoutAShopperCarriesNoShopperToken() {
        start(ACME_CLIENT_ID, null);
        // the customer resource needs a customer token: 401, one repeat, then the exception
        assertThrows(CredentialsRejectedException.class,
                () -> client.target(url("v2/customers/" + JANE_CUSTOMER_ID)).request().get());
        List<RecordedRequest> calls = requestsTo("/v2/customers/" + JANE_CUSTOMER_ID);
        assertEquals(2, calls.size());
        assertTrue(calls.stream().noneMatch(r -> r.header("X-Moltin-Customer-Token").isPresent()));
    }

    @Test
    void anAccountMembersTokenIsPerAccountAndHasAnIsoExpiry() {
        start(ACME_CLIENT_ID, null);
        for (String account : List.of(BOB_FIRST_ACCOUNT_ID, BOB_SECOND_ACCOUNT_ID, BOB_FIRST_ACCOUNT_ID)) {
            try (Response r = client.target(url("v2/accounts/" + account)).request()
                    .property(ElasticPathShopper.PROPERTY,
                            ElasticPathShopper.accountMember(PASSWORD_PROFILE_ID, BOB_USERNAME, BOB_PASSWORD, account)).get()) {
                assertEquals(200, r.getStatus());
            }
        }
        RecordedRequest first = requestsTo("/v2/accounts/" + BOB_FIRST_ACCOUNT_ID).get(0);
        assertTrue(first.header("EP-Account-Management-Authentication-Token").isPresent());
        assertTrue(first.header("Authorization").orElseThrow().startsWith("Bearer "));
        assertEquals(2, requestsTo("/v2/account-members/tokens").size(), "one login per account, then cached");
        clock.advance(Duration.ofHours(25));
        client.target(url("v2/accounts/" + BOB_FIRST_ACCOUNT_ID)).request()
                .property(ElasticPathShopper.PROPERTY,
                        ElasticPathShopper.accountMember(PASSWORD_PROFILE_ID, BOB_USERNAME, BOB_PASSWORD, BOB_FIRST_ACCOUNT_ID))
                .get().close();
        assertEquals(3, requestsTo("/v2/account-members/tokens").size(), "the ISO expiry was read: a new login after a day");
    }

    @Test
    void aWrongShopperPasswordIsRejectedWithTheJsonApiDetailAndNoSecret() {
        start(ACME_CLIENT_ID, null);
        CredentialsRejectedException e = assertThrows(CredentialsRejectedException.class,
                () -> client.target(url("v2/customers/" + JANE_CUSTOMER_ID)).request()
                        .property(ElasticPathShopper.PROPERTY, ElasticPathShopper.customer(JANE_EMAIL, ConfiguredSecrets.record("wrong-password-123"))).get());
        assertEquals(401, e.status());
        assertFalse(e.getMessage().contains("wrong-password-123"), e.getMessage());
        assertTrue(e.vendorDetail().isPresent(), e.getMessage());
    }

    @Test
    void aShoppersWrongPasswordLeavesTheApplicationReadyAndWarnsNoOperator() {
        start(ACME_CLIENT_ID, null);
        try (LogRecords log = new LogRecords()) {
            for (int i = 0; i < 3; i++) {
                String guess = ConfiguredSecrets.record("typo-password-" + i);
                assertThrows(CredentialsRejectedException.class, () -> client.target(url("v2/customers/" + JANE_CUSTOMER_ID))
                        .request().property(ElasticPathShopper.PROPERTY, ElasticPathShopper.customer(JANE_EMAIL, guess)).get());
            }
            // a visitor's typo is the visitor's: a readiness probe taking the store out of service for it would be an outage
            assertTrue(engine.health().isUp(), "a shopper's wrong password made the application unready: " + engine.health().problems());
            assertEquals(List.of(), log.at(Level.WARNING), "a shopper's wrong password is no operator's problem");
            assertEquals(3.0, engine.measurements().stream().filter(m -> m.metric() == Metric.CREDENTIALS_REJECTED)
                    .mapToDouble(Measurement::value).sum(), "yet counted: many refused logins are worth a look");
        }
    }

    @Test
    void aWrongPasswordNeverGetsTheTokenARightOneEarned() {
        start(ACME_CLIENT_ID, null);
        try (Response jane = client.target(url("v2/customers/" + JANE_CUSTOMER_ID)).request()
                .property(ElasticPathShopper.PROPERTY, ElasticPathShopper.customer(JANE_EMAIL, JANE_PASSWORD)).get()) {
            assertEquals(200, jane.getStatus());
        }
        assertThrows(CredentialsRejectedException.class, () -> client.target(url("v2/customers/" + JANE_CUSTOMER_ID)).request()
                .property(ElasticPathShopper.PROPERTY, ElasticPathShopper.customer(JANE_EMAIL, ConfiguredSecrets.record("attacker-guess-1"))).get());
        // and the failed guess did not lock Jane out
        try (Response jane = client.target(url("v2/customers/" + JANE_CUSTOMER_ID)).request()
                .property(ElasticPathShopper.PROPERTY, ElasticPathShopper.customer(JANE_EMAIL, JANE_PASSWORD)).get()) {
            assertEquals(200, jane.getStatus());
        }
        assertFalse(engine.cache().describe().toString().contains(JANE_EMAIL), "the cache view shows the shopper's email");
    }

    @Test
    void aShoppersTokenGoesWithAnImplicitBearerTokenEvenForABackendClient() {
        start(ACME_CLIENT_ID, ACME_CLIENT_SECRET);
        client.target(url("v2/products")).request().get().close();
        try (Response jane = client.target(url("v2/customers/" + JANE_CUSTOMER_ID)).request()
                .property(ElasticPathShopper.PROPERTY, ElasticPathShopper.customer(JANE_EMAIL, JANE_PASSWORD)).get()) {
            assertEquals(200, jane.getStatus());
        }
        String backendBearer = requestsTo("/v2/products").get(0).header("Authorization").orElseThrow();
        String shopperBearer = requestsTo("/v2/customers/" + JANE_CUSTOMER_ID).get(0).header("Authorization").orElseThrow();
        assertNotEquals(backendBearer, shopperBearer);
        assertEquals(2, ep.tokenRequests(), "one client_credentials token, one implicit token");
    }

    @Test
    void wrongClientCredentialsAreRejected() {
        start(ACME_CLIENT_ID, "not-the-secret");
        CredentialsRejectedException e = assertThrows(CredentialsRejectedException.class,
                () -> client.target(url("v2/products")).request().get());
        assertTrue(e.getMessage().contains("tollgate.ep.client-secret"), e.getMessage());
        assertEquals(0, requestsTo("/v2/products").size());
    }

    /** Elastic Path's token endpoint refused the store's keys: the message names it, not the API. */
    @Test
    void wrongClientCredentialsAreRefusedByTheTokenEndpointNamedInTheMessage() {
        start(ACME_CLIENT_ID, "not-the-secret");
        CredentialsRejectedException e = assertThrows(CredentialsRejectedException.class,
                () -> client.target(url("v2/products")).request().get());
        assertTrue(e.getMessage().startsWith("client 'ep' (provider elasticpath): the token endpoint " + url("oauth/access_token")
                + " refused the credentials sent for the access-token (HTTP 401)"), e.getMessage());
        assertFalse(e.getMessage().contains("the API"), e.getMessage());
    }

    /** A shopper's login is refused by the login endpoint: named in the message, with the shopper's advice. */
    @Test
    void aRefusedShopperLoginNamesTheLoginEndpoint() {
        start(ACME_CLIENT_ID, null);
        CredentialsRejectedException e = assertThrows(CredentialsRejectedException.class,
                () -> asShopper(JANE_CUSTOMER_ID, ElasticPathShopper.customer(JANE_EMAIL, ConfiguredSecrets.record("wrong-password-123"))));
        assertTrue(e.getMessage().startsWith("client 'ep' (provider elasticpath): the token endpoint " + url("v2/customers/tokens")
                + " refused the credentials sent for the customer-token (HTTP 401)"), e.getMessage());
        assertTrue(e.getMessage().contains("The shopper's login was refused"), e.getMessage());
    }

    private Response asShopper(String customerId, ElasticPathShopper shopper) {
        return client.target(url("v2/customers/" + customerId)).request().property(ElasticPathShopper.PROPERTY, shopper).get();
    }

    @Test
    void aRevokedImplicitTokenIsReplacedAtTheNextShopperLoginInsteadOfLockingShoppersOut() {
        start(ACME_CLIENT_ID, null);
        try (Response jane = asShopper(JANE_CUSTOMER_ID, ElasticPathShopper.customer(JANE_EMAIL, JANE_PASSWORD))) {
            assertEquals(200, jane.getStatus());
        }
        String revoked = requestsTo("/v2/customers/tokens").get(0).header("Authorization").orElseThrow();
        ep.revoke(revoked.substring("Bearer ".length()));

        clock.advance(Duration.ofMinutes(5));
        try (Response sam = asShopper(SECOND_CUSTOMER_ID, ElasticPathShopper.customer(SECOND_EMAIL, SECOND_PASSWORD))) {
            assertEquals(200, sam.getStatus(), "a new shopper logs in although the store's implicit token was revoked");
        }
        List<RecordedRequest> logins = requestsTo("/v2/customers/tokens");
        assertEquals(3, logins.size(), "Jane's login, then Sam's: refused with the revoked token, repeated once");
        assertEquals(revoked, logins.get(1).header("Authorization").orElseThrow());
        String fresh = logins.get(2).header("Authorization").orElseThrow();
        assertNotEquals(revoked, fresh);
        assertEquals(2, ep.tokenRequests(), "one new implicit token replaced the revoked one");

        try (Response member = client.target(url("v2/accounts/" + BOB_FIRST_ACCOUNT_ID)).request()
                .property(ElasticPathShopper.PROPERTY,
                        ElasticPathShopper.accountMember(PASSWORD_PROFILE_ID, BOB_USERNAME, BOB_PASSWORD, BOB_FIRST_ACCOUNT_ID)).get()) {
            assertEquals(200, member.getStatus());
        }
        assertEquals(fresh, requestsTo("/v2/account-members/tokens").get(0).header("Authorization").orElseThrow());
        assertEquals(2, ep.tokenRequests(), "the next shopper's login uses the new token at once");
    }

    /** The passwords of the shoppers that log in together (noted for the log-leak scan). */
    static String shopperPassword(int n) {
        return ConfiguredSecrets.record("Pw-" + n + "-Lq7Mz1Xv5Bn8");
    }

    @Test
    void shoppersLoggingInTogetherAfterARevocationShareOneNewImplicitToken() throws Exception {
        int shoppers = 8;
        for (int i = 0; i < shoppers; i++) {
            stores.customer(ACME_CLIENT_ID, new ElasticPathStores.Customer("c0ffee00-0000-4000-8000-00000000000" + i,
                    "shopper" + i + "@example.com", shopperPassword(i)));
        }
        start(ACME_CLIENT_ID, null);
        try (Response jane = asShopper(JANE_CUSTOMER_ID, ElasticPathShopper.customer(JANE_EMAIL, JANE_PASSWORD))) {
            assertEquals(200, jane.getStatus());
        }
        ep.revoke(requestsTo("/v2/customers/tokens").get(0).header("Authorization").orElseThrow().substring("Bearer ".length()));

        ExecutorService pool = Executors.newFixedThreadPool(shoppers);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < shoppers; i++) {
                int n = i;
                statuses.add(pool.submit(() -> {
                    go.await(10, TimeUnit.SECONDS);
                    try (Response r = asShopper("c0ffee00-0000-4000-8000-00000000000" + n,
                            ElasticPathShopper.customer("shopper" + n + "@example.com", shopperPassword(n)))) {
                        return r.getStatus();
                    }
                }));
            }
            go.countDown();
            for (Future<Integer> status : statuses) {
                assertEquals(200, status.get(30, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(2, ep.tokenRequests(), "the revoked implicit token was replaced once, not once per shopper");
        assertTrue(requestsTo("/v2/customers/tokens").size() <= 1 + 2 * shoppers, "at most one repeat per login");
    }

    @Test
    void aRefusedShopperLoginIsReportedAsTheShoppersAfterOneRepeatWithANewStoreToken() {
        start(ACME_CLIENT_ID, null);
        CredentialsRejectedException e = assertThrows(CredentialsRejectedException.class,
                () -> asShopper(JANE_CUSTOMER_ID, ElasticPathShopper.customer(JANE_EMAIL, ConfiguredSecrets.record("wrong-password-123"))));
        assertEquals(401, e.status());
        assertTrue(e.getMessage().contains("The shopper's login was refused"), e.getMessage());
        assertFalse(e.getMessage().contains("client-id"), "the store's keys are not to blame: " + e.getMessage());
        assertEquals(2, requestsTo("/v2/customers/tokens").size(), "one repeat, never more");
        assertEquals(2, ep.tokenRequests(), "the repeat carried a new store token");
    }

    @Test
    void aRefusedStoreTokenRequestIsReportedAsTheStoresNotTheShoppers() {
        start("unknown-client-id-0000", null);
        CredentialsRejectedException e = assertThrows(CredentialsRejectedException.class,
                () -> asShopper(JANE_CUSTOMER_ID, ElasticPathShopper.customer(JANE_EMAIL, JANE_PASSWORD)));
        assertTrue(e.getMessage().contains("The store's implicit token request was refused: check tollgate.ep.client-id"),
                e.getMessage());
        assertFalse(e.getMessage().contains("shopper"), e.getMessage());
        assertEquals(0, requestsTo("/v2/customers/tokens").size());
    }
}
