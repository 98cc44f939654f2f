package dev.tollgate.provider.bigcommerce;

import static dev.tollgate.testkit.simulator.bigcommerce.BigCommerceFixture.STORE_A_HASH;
import static dev.tollgate.testkit.simulator.bigcommerce.BigCommerceFixture.STORE_A_TOKEN;
import static dev.tollgate.testkit.simulator.bigcommerce.BigCommerceFixture.STORE_B_HASH;
import static dev.tollgate.testkit.simulator.bigcommerce.BigCommerceFixture.STORE_B_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.Tollgate;
import dev.tollgate.api.TollgateConfigException;
import dev.tollgate.api.UnsafeRequestException;
import dev.tollgate.engine.TollgateEngine;
import dev.tollgate.testkit.config.TestConfig;
import dev.tollgate.testkit.jaxrs.FilterCapture;
import dev.tollgate.testkit.jaxrs.RequestStub;
import jakarta.ws.rs.client.ClientRequestFilter;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which store's token a request carries is decided on the path as BigCommerce routes it, and
 * relative to the configured URL, whatever spelling or gateway prefix the request uses. The
 * filters run on a request as the client runtime would run them; what they leave in its headers
 * is what would be sent.
 */
class StorePathRulesTest {

    private static final String API = "https://api.bigcommerce.com";
    private static final String GATEWAY = "https://egress.example.com/bigcommerce/";

    private static TestConfig stores(String baseUrl) {
        return TestConfig.with("tollgate.bc.provider", "bigcommerce")
                .and("tollgate.bc.base-url", baseUrl)
                .and("tollgate.bc.tenants.store-a.store-hash", STORE_A_HASH)
                .and("tollgate.bc.tenants.store-a.access-token", STORE_A_TOKEN)
                .and("tollgate.bc.tenants.store-b.store-hash", STORE_B_HASH)
                .and("tollgate.bc.tenants.store-b.access-token", STORE_B_TOKEN);
    }

    /** The headers the filters leave on a request of store A to {@code url}. */
    private static RequestStub send(TestConfig config, String url) throws IOException {
        TollgateEngine engine = TollgateEngine.builder().config(config.build()).build();
        try {
            List<ClientRequestFilter> filters = FilterCapture.requestFilters(engine.feature("bc"));
            RequestStub request = new RequestStub(FilterCapture.clientProperties(engine.feature("bc")));
            request.reset(URI.create(url)).setProperty(Tollgate.TENANT_PROPERTY, "store-a");
            for (ClientRequestFilter filter : filters) {
                filter.filter(request);
            }
            return request;
        } finally {
            engine.close();
        }
    }

    @Test
    void storeAsTokenGoesToStoreAsOwnPaths() throws IOException {
        RequestStub own = send(stores(API), API + "/stores/" + STORE_A_HASH + "/v3/catalog/products");
        assertEquals(STORE_A_TOKEN, own.getHeaderString("X-Auth-Token"));
    }

    // case 10: spellings that BigCommerce routes to store B, refused for store A's token

    @ParameterizedTest
    @ValueSource(strings = {
            "/stores;x/" + STORE_B_HASH + "/v3/catalog",
            "/Stores/" + STORE_B_HASH + "/v3/catalog",
            "/STORES/" + STORE_B_HASH + ";v=1/v3/catalog",
            "//stores//" + STORE_B_HASH + "/v3/catalog",
            "/x/../stores/" + STORE_B_HASH + "/v3/catalog",
            "/%73tores/" + STORE_B_HASH + "/v3/catalog",
            "/stores/%78yz789ghi/v3/catalog",
            "/v3/../stores/./" + STORE_B_HASH + "/v3/catalog"})
    void anotherStoresPathInAnySpellingIsRefused(String path) {
        UnsafeRequestException e = assertThrows(UnsafeRequestException.class, () -> send(stores(API), API + path), path);
        assertTrue(e.getMessage().contains("another store"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/stores/%2F" + STORE_B_HASH + "/v3/catalog",
            "/stores/abc%2Fdef/v3/catalog",
            "/stores/%C0%AE%C0%AE/v3/catalog",
            "/stores/%3B/v3/catalog",
            "/../stores/" + STORE_A_HASH + "/v3/catalog"})
    void aPathThatCannotBeReadOneWayOnlyIsRefused(String path) {
        UnsafeRequestException e = assertThrows(UnsafeRequestException.class, () -> send(stores(API), API + path), path);
        assertTrue(e.getMessage().contains("Nothing was sent"), e.getMessage());
    }

    /**
     * Dot segments that servers read differently: Tollgate's reading ends in store A, but a
     * server that takes {@code ..;} or {@code %2e%2e} as a plain name (nginx, {@link URI#normalize()}),
     * or resolves {@code ..} with the empty segment kept (RFC 3986 section 5.2.4), routes to store B.
     */
    @ParameterizedTest
    @ValueSource(strings = {
            "/stores/" + STORE_B_HASH + "/..;/" + STORE_A_HASH + "/v3/catalog",
            "/stores/" + STORE_B_HASH + "/%2e%2e/" + STORE_A_HASH + "/v3/catalog",
            "/stores/" + STORE_B_HASH + "/.%2E/" + STORE_A_HASH + "/v3/catalog",
            "/stores/" + STORE_B_HASH + "//../" + STORE_A_HASH + "/v3/catalog"})
    void aDotSegmentThatServersReadDifferentlyIsRefused(String path) {
        UnsafeRequestException e = assertThrows(UnsafeRequestException.class, () -> send(stores(API), API + path),
                "store A's token would go to " + path);
        assertTrue(e.getMessage().contains("Nothing was sent"), e.getMessage());
    }

    // case 11: the rules are relative to the configured base URL's path

    @Test
    void behindAGatewayTheStorefrontApiUnderTheBaseUrlGetsNoToken() throws IOException {
        RequestStub storefront = send(stores(GATEWAY), GATEWAY + "api/storefront/carts");
        assertEquals(null, storefront.getHeaderString("X-Auth-Token"), "the REST Storefront API got the store's token");
        RequestStub own = send(stores(GATEWAY), GATEWAY + "stores/" + STORE_A_HASH + "/v3/catalog/products");
        assertEquals(STORE_A_TOKEN, own.getHeaderString("X-Auth-Token"));
        assertThrows(UnsafeRequestException.class, () -> send(stores(GATEWAY), GATEWAY + "stores/" + STORE_B_HASH + "/v3/catalog"));
    }

    @Test
    void behindAGatewayAPathOutsideTheBaseUrlGetsNoToken() {
        UnsafeRequestException e = assertThrows(UnsafeRequestException.class,
                () -> send(stores(GATEWAY), "https://egress.example.com/other-vendor/stores/" + STORE_A_HASH + "/v3/catalog"));
        assertTrue(e.getMessage().contains("none of the client's configured URLs"), e.getMessage());
    }

    // case 8: a password in a URL is never printed

    @Test
    void aStorefrontUrlWithAPasswordIsRefusedWithThePasswordMasked() {
        TollgateEngine engine = TollgateEngine.builder().config(stores(API)
                .and("tollgate.bc.tenants.store-a.storefront-url", "https://shopuser:Pa55w0rd-s3cret@shop.example.com").build()).build();
        List<TollgateConfigException> problems = engine.validate("bc");
        assertEquals(1, problems.size(), String.valueOf(problems));
        String message = problems.get(0).getMessage();
        assertFalse(message.contains("Pa55w0rd"), message);
        assertFalse(message.contains("shopuser"), message);
        assertTrue(message.contains("https://***@shop.example.com"), message);
        assertTrue(message.contains("user information"), message);
    }
}
