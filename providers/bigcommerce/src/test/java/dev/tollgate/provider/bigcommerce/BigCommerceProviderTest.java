package dev.tollgate.provider.bigcommerce;

import static dev.tollgate.testkit.simulator.bigcommerce.BigCommerceFixture.STORE_A_HASH;
import static dev.tollgate.testkit.simulator.bigcommerce.BigCommerceFixture.STORE_A_TOKEN;
import static dev.tollgate.testkit.simulator.bigcommerce.BigCommerceFixture.STORE_B_HASH;
import static dev.tollgate.testkit.simulator.bigcommerce.BigCommerceFixture.STORE_B_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.Tollgate;
import dev.tollgate.api.TollgateConfigException;
import dev.tollgate.api.UnsafeRequestException;
import dev.tollgate.engine.TollgateEngine;
import dev.tollgate.engine.testing.EngineHarness;
import dev.tollgate.testkit.config.TestConfig;
import dev.tollgate.testkit.http.LoopbackServer;
import dev.tollgate.testkit.http.RecordedRequest;
import dev.tollgate.testkit.http.RequestJournal;
import dev.tollgate.testkit.simulator.bigcommerce.BigCommerceSimulator;
import dev.tollgate.testkit.time.MutableClock;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** BigCommerce's header schemes on the wire, per store: X-Auth-Token, storefront Bearer, PAT per order, none. */
class BigCommerceProviderTest {

    @RegisterExtension
    final EngineHarness harness = new EngineHarness("2026-11-22T08:00:00Z");
    private final MutableClock clock = harness.clock;
    private final RequestJournal journal = harness.journal;
    private final BigCommerceSimulator bc = new BigCommerceSimulator(clock, journal);
    // three hosts, three origins: the API, the payments host, the storefront
    private final LoopbackServer api = harness.serve(bc);
    private final LoopbackServer payments = harness.serve(bc);
    private final LoopbackServer storefront = harness.serve(bc);
    private TollgateEngine engine;
    private Client client;

    private TestConfig config() {
        return TestConfig.with("tollgate.bc.provider", "bigcommerce")
                .and("tollgate.bc.base-url", api.url(""))
                .and("tollgate.bc.payments-url", payments.url(""))
                .and("tollgate.bc.tenants.store-a.store-hash", STORE_A_HASH)
                .and("tollgate.bc.tenants.store-a.access-token", STORE_A_TOKEN)
                .and("tollgate.bc.tenants.store-a.storefront-url", storefront.url(""))
                .and("tollgate.bc.tenants.store-b.store-hash", STORE_B_HASH)
                .and("tollgate.bc.tenants.store-b.access-token", STORE_B_TOKEN);
    }

    private Client start(TestConfig config) {
        engine = harness.engine(config);
        client = harness.client(engine, "bc");
        return client;
    }

    private Response products(String tenant, String hash) {
        return client.target(api.url("stores/" + hash + "/v3/catalog/products")).request()
                .property(Tollgate.TENANT_PROPERTY, tenant).get();
    }

    private Response pay(String tenant, String hash, long order) {
        return client.target(payments.url("stores/" + hash + "/payments")).request()
                .property(Tollgate.TENANT_PROPERTY, tenant).property(BigCommerceOrder.PROPERTY, order)
                .post(Entity.json("{\"payment\":{\"instrument\":{\"type\":\"card\"}}}"));
    }

    private List<RecordedRequest> to(String pathEnd) {
        return journal.requests().stream().filter(r -> ("/" + r.path()).endsWith(pathEnd)).toList();
    }

    @Test
    void eachStoreGetsItsOwnXAuthTokenAndNeverTheOthers() {
        start(config());
        try (Response a = products("store-a", STORE_A_HASH); Response b = products("store-b", STORE_B_HASH)) {
            assertEquals(200, a.getStatus());
            assertEquals(200, b.getStatus());
        }
        assertEquals(STORE_A_TOKEN, to("/" + STORE_A_HASH + "/v3/catalog/products").get(0).header("X-Auth-Token").orElseThrow());
        assertEquals(STORE_B_TOKEN, to("/" + STORE_B_HASH + "/v3/catalog/products").get(0).header("X-Auth-Token").orElseThrow());
        assertTrue(journal.requests().stream().allMatch(r -> r.header("Authorization").isEmpty()));

        // and a call of one store's tenant to the other store's path is refused before it is sent
        assertThrows(UnsafeRequestException.class, () -> products("store-a", STORE_B_HASH));
        assertEquals(2, journal.count());
    }

    /**
     * An application that only calls BigCommerce ships this jar without the inbound module
     * (tollgate-provider-bigcommerce-inbound, absent from this module's class path): the keys
     * only the inbound side reads, even wrong ones, neither fail its deployment check nor its calls,
     * and no service entry of this jar names a class that is not there.
     */
    @Test
    void deploysAndCallsWithoutTheInboundModule() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("dev.tollgate.provider.bigcommerce.inbound.InboundSettingsCheck"));
        start(config().and("tollgate.bc.callback-paths", "/api/bigcommerce;v=2/load")
                .and("tollgate.bc.tax-provider-paths", "/api/tax").and("tollgate.bc.jwt-leeway", "PT1H"));
        assertEquals(List.of(), engine.validateConfiguredClients());
        try (Response a = products("store-a", STORE_A_HASH)) {
            assertEquals(200, a.getStatus());
        }
        assertEquals(STORE_A_TOKEN, to("/" + STORE_A_HASH + "/v3/catalog/products").get(0).header("X-Auth-Token").orElseThrow());
    }

    @Test
    void theStorefrontGraphqlEndpointGetsACachedStorefrontTokenAsBearer() {
        start(config().and("tollgate.bc.tenants.store-a.storefront-allowed-origins", "https://shop.example.com"));
        for (int i = 0; i < 3; i++) {
            try (Response r = client.target(storefront.url("graphql")).request().property(Tollgate.TENANT_PROPERTY, "store-a")
                    .post(Entity.json("{\"query\":\"{ site { settings { storeName } } }\"}"))) {
                assertEquals(200, r.getStatus());
            }
        }
        assertEquals(1, to("/v3/storefront/api-token").size(), "the storefront token is created once and cached");
        assertEquals(STORE_A_TOKEN, to("/v3/storefront/api-token").get(0).header("X-Auth-Token").orElseThrow());
        RecordedRequest graphql = to("/graphql").get(0);
        assertTrue(graphql.header("Authorization").orElseThrow().startsWith("Bearer eyJ"), "storefront JWT as Bearer");
        assertTrue(graphql.header("X-Auth-Token").isEmpty(), "the stable token went to the storefront");

        clock.advance(Duration.ofHours(25)); // the day-long token has expired: a new one
        client.target(storefront.url("graphql")).request().property(Tollgate.TENANT_PROPERTY, "store-a")
                .post(Entity.json("{}")).close();
        assertEquals(2, to("/v3/storefront/api-token").size());
    }

    @Test
    void storefrontTokensAreRevokedWhenTheApplicationStopsIfConfiguredTo() {
        start(config().and("tollgate.bc.tenants.store-a.storefront-revoke-on-shutdown", "true"));
        client.target(storefront.url("graphql")).request().property(Tollgate.TENANT_PROPERTY, "store-a").post(Entity.json("{}")).close();
        String bearer = to("/graphql").get(0).header("Authorization").orElseThrow();

        engine.close();
        List<RecordedRequest> revoked = journal.requests().stream().filter(r -> r.method().equals("DELETE")).toList();
        assertEquals(1, revoked.size());
        assertEquals(204, revoked.get(0).status());
        assertEquals(bearer.substring("Bearer ".length()), revoked.get(0).header("Sf-Api-Token").orElseThrow());
        try (Client plain = ClientBuilder.newClient();
             Response after = plain.target(storefront.url("graphql")).request().header("Authorization", bearer).post(Entity.json("{}"))) {
            assertEquals(401, after.getStatus(), "the revoked token still works");
        }
    }

    @Test
    void withoutTheSettingNothingIsRevoked() {
        start(config());
        client.target(storefront.url("graphql")).request().property(Tollgate.TENANT_PROPERTY, "store-a").post(Entity.json("{}")).close();
        engine.close();
        assertTrue(journal.requests().stream().noneMatch(r -> r.method().equals("DELETE")));
    }

    @Test
    void eachPaymentGetsItsOwnPaymentAccessTokenForItsOrder() {
        start(config());
        try (Response first = pay("store-a", STORE_A_HASH, 1001); Response again = pay("store-a", STORE_A_HASH, 1001);
             Response other = pay("store-a", STORE_A_HASH, 1002)) {
            assertEquals(201, first.getStatus());
            assertEquals(201, again.getStatus(), "a second payment of an order needs, and gets, a new token");
            assertEquals(201, other.getStatus());
        }
        List<RecordedRequest> paid = to("/" + STORE_A_HASH + "/payments");
        assertEquals(3, paid.size(), "a payment was repeated: its token had been used before");
        assertTrue(paid.stream().allMatch(r -> r.status() == 201));
        assertEquals(3, to("/v3/payments/access_tokens").size());
        assertEquals(3, paid.stream().map(r -> r.header("Authorization").orElseThrow()).distinct().count());
        assertTrue(paid.stream().allMatch(r -> r.header("Authorization").orElseThrow().startsWith("PAT ")));
        assertTrue(paid.stream().allMatch(r -> r.header("Accept").orElseThrow().contains("application/vnd.bc.v1+json")));
        assertTrue(paid.stream().allMatch(r -> r.header("X-Auth-Token").isEmpty()), "the stable token went to the payments host");
    }

    @Test
    void aPaymentWithoutAnOrderIsRefusedBeforeAnythingIsSent() {
        start(config());
        assertThrows(ProcessingException.class, () -> client.target(payments.url("stores/" + STORE_A_HASH + "/payments"))
                .request().property(Tollgate.TENANT_PROPERTY, "store-a").post(Entity.json("{}")));
        assertEquals(0, journal.count());
    }

    @Test
    void theRestStorefrontApiNeverReceivesACredential() {
        start(config());
        for (LoopbackServer host : List.of(storefront, api)) {
            try (Response cart = client.target(host.url("api/storefront/cart")).request()
                    .property(Tollgate.TENANT_PROPERTY, "store-a").get()) {
                assertEquals(200, cart.getStatus());
            }
        }
        List<RecordedRequest> carts = to("/api/storefront/cart");
        assertEquals(2, carts.size());
        assertTrue(carts.stream().allMatch(r -> r.header("Authorization").isEmpty() && r.header("X-Auth-Token").isEmpty()));
    }

    /** An application filter (priority 5000) that points the request at the REST Storefront API. */
    @jakarta.annotation.Priority(5000)
    public static class ToStorefrontCart implements jakarta.ws.rs.client.ClientRequestFilter {
        private final java.net.URI to;

        ToStorefrontCart(java.net.URI to) {
            this.to = to;
        }

        @Override
        public void filter(jakarta.ws.rs.client.ClientRequestContext request) {
            request.setUri(to);
        }
    }

    /**
     * Tollgate attaches credentials in the last request filter, so it judges the request where the
     * application's filter sent it: to the REST Storefront API, which takes no credential.
     */
    @Test
    void aFilterCannotCarryTheStoreTokenToAnotherAllowedOriginOrPath() {
        start(config());
        client.register(new ToStorefrontCart(java.net.URI.create(storefront.url("api/storefront/cart"))));
        try (Response cart = products("store-a", STORE_A_HASH)) {
            assertEquals(200, cart.getStatus());
        }
        assertEquals(1, journal.count(), "only the storefront's cart was called");
        RecordedRequest cart = to("/api/storefront/cart").get(0);
        assertTrue(cart.header("X-Auth-Token").isEmpty() && cart.header("Authorization").isEmpty(),
                "the store's X-Auth-Token left for the storefront");
    }

    @Test
    void aStoreDoesNotInheritTheClientsStoreHash() {
        start(config().and("tollgate.bc.store-hash", STORE_B_HASH).and("tollgate.bc.tenants.store-c.access-token", "store-c-token-value-1234"));
        TollgateConfigException e = assertThrows(TollgateConfigException.class, () -> products("store-c", STORE_B_HASH));
        assertTrue(e.getMessage().contains("set tollgate.bc.tenants.store-c.store-hash"), e.getMessage());
        assertEquals(0, journal.count());
    }

    @Test
    void aStoreWithoutAStorefrontUrlSendsNothingToOtherHosts() {
        start(config());
        assertThrows(UnsafeRequestException.class, () -> client.target(storefront.url("graphql")).request()
                .property(Tollgate.TENANT_PROPERTY, "store-b").post(Entity.json("{}")));
        assertEquals(0, journal.count());
    }

    @Test
    void configurationErrorsNameTheStoresKey() {
        TollgateEngine bad = harness.engine(config()
                .and("tollgate.bc.tenants.store-b.store-hash", "stores/xyz789ghi/v3")
                .and("tollgate.bc.tenants.store-a.storefront-url", "http://shop.example.com"));
        List<TollgateConfigException> problems = bad.validate("bc");
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.toString().contains("tollgate.bc.tenants.store-b.store-hash must be the store hash alone"), problems.toString());
        assertTrue(problems.toString().contains("http://shop.example.com"), problems.toString());
        assertNotEquals(0, problems.get(0).getMessage().length());
    }
}
