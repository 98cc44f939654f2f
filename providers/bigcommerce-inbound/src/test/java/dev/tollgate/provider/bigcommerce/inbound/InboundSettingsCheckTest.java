package dev.tollgate.provider.bigcommerce.inbound;

import static dev.tollgate.testkit.simulator.bigcommerce.BigCommerceFixture.STORE_A_HASH;
import static dev.tollgate.testkit.simulator.bigcommerce.BigCommerceFixture.STORE_A_TOKEN;
import static dev.tollgate.testkit.simulator.bigcommerce.BigCommerceFixture.STORE_B_HASH;
import static dev.tollgate.testkit.simulator.bigcommerce.BigCommerceFixture.STORE_B_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.TollgateConfigException;
import dev.tollgate.engine.TollgateEngine;
import dev.tollgate.testkit.config.TestConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What deployment refuses in the inbound settings, each problem naming its key. */
class InboundSettingsCheckTest {

    /** A store complete for outgoing calls, with the app's credentials. */
    private static TestConfig store() {
        return TestConfig.with("tollgate.bc.provider", "bigcommerce")
                .and("tollgate.bc.client-id", BigCommerceJwtTest.CLIENT_ID)
                .and("tollgate.bc.client-secret", BigCommerceJwtTest.CLIENT_SECRET)
                .and("tollgate.bc.store-hash", STORE_A_HASH)
                .and("tollgate.bc.access-token", STORE_A_TOKEN);
    }

    private static List<String> problems(TestConfig config) {
        return new InboundSettingsCheck().problems(TollgateEngine.builder().config(config.build()).build()).stream()
                .map(TollgateConfigException::getMessage).toList();
    }

    @Test
    void aPathNoRequestCanMatchNamesItsKey() {
        for (String unmatchable : new String[] {"/api/bigcommerce;v=2/load", "/api/%62igcommerce/load", "/api/bigcommerce/load?x=1",
                "/api/bigcommerce/load#top", "/api/../bigcommerce/load", "/api/./load", "\\api\\load", "/api/bigcommerce/*", "/", "//",
                "/api/big\u0007commerce"}) {
            List<String> found = problems(store().and("tollgate.bc.callback-paths", "/api/bigcommerce/uninstall, " + unmatchable));
            assertEquals(1, found.size(), unmatchable + ": " + found);
            assertTrue(found.get(0).contains("tollgate.bc.callback-paths"), found.get(0));
            assertTrue(found.get(0).chars().allMatch(c -> c >= 0x20), "no control character in the message: " + found.get(0));
        }
        List<String> tax = problems(store().and("tollgate.bc.tax-provider-paths", "/api/tax;x").and("tollgate.bc.tax-provider-username", "u")
                .and("tollgate.bc.tax-provider-password", "p"));
        assertTrue(tax.size() == 1 && tax.get(0).contains("tollgate.bc.tax-provider-paths"), tax.toString());
    }

    /**
     * What a hurried administrator writes: paths separated by spaces instead of commas, a space
     * that is not one (no-break, zero-width: pasted from a document), a JAX-RS template copied from
     * {@code @Path}, a whole URL. Each was accepted as one path no request is ever routed to.
     */
    @Test
    void aListOrPathNoRequestIsRoutedToNamesItsKey() {
        for (String unmatchable : new String[] {"/api/bigcommerce/load /api/bigcommerce/remove_user", "/api/bigcommerce/load\u00a0",
                "/api/bigcommerce/\u200bload", "/api/bigcommerce/{callback}", "https://shop.example.com/api/bigcommerce/load"}) {
            List<String> found = problems(store().and("tollgate.bc.callback-paths", "/api/bigcommerce/uninstall, " + unmatchable));
            assertEquals(1, found.size(), unmatchable + ": " + found);
            assertTrue(found.get(0).contains("tollgate.bc.callback-paths"), found.get(0));
        }
    }

    /**
     * The mechanism reads its paths from the client only; under a tenant (next to that store's own
     * {@code tax-provider-username}, where an administrator is tempted to put them) they guarded nothing.
     */
    @Test
    void pathsWrittenUnderATenantAreRefusedNotIgnored() {
        TestConfig config = TestConfig.with("tollgate.bc.provider", "bigcommerce")
                .and("tollgate.bc.client-id", BigCommerceJwtTest.CLIENT_ID)
                .and("tollgate.bc.client-secret", BigCommerceJwtTest.CLIENT_SECRET)
                .and("tollgate.bc.tenants.store-a.store-hash", STORE_A_HASH)
                .and("tollgate.bc.tenants.store-a.access-token", STORE_A_TOKEN)
                .and("tollgate.bc.tenants.store-a.tax-provider-username", "a")
                .and("tollgate.bc.tenants.store-a.tax-provider-password", "a-pass")
                .and("tollgate.bc.tenants.store-a.tax-provider-paths", "/api/tax")
                .and("tollgate.bc.tenants.store-a.callback-paths", "/api/bigcommerce/load");
        List<String> found = problems(config);
        assertEquals(2, found.size(), found.toString());
        assertTrue(found.stream().anyMatch(m -> m.contains("tollgate.bc.tenants.store-a.tax-provider-paths")), found.toString());
        assertTrue(found.stream().anyMatch(m -> m.contains("tollgate.bc.tenants.store-a.callback-paths")), found.toString());
    }

    @Test
    void spellingsOfTheSamePathAreAccepted() {
        assertEquals(List.of(), problems(store().and("tollgate.bc.callback-paths", "api/bigcommerce/load/, /api//bigcommerce/uninstall,,")
                .and("tollgate.bc.tax-provider-paths", " /api/tax ").and("tollgate.bc.tax-provider-username", "u")
                .and("tollgate.bc.tax-provider-password", "p")));
    }

    @Test
    void aPathInBothListsIsRefused() {
        List<String> found = problems(store().and("tollgate.bc.callback-paths", "/api/bigcommerce")
                .and("tollgate.bc.tax-provider-paths", "/api/bigcommerce/tax").and("tollgate.bc.tax-provider-username", "u")
                .and("tollgate.bc.tax-provider-password", "p"));
        assertTrue(found.size() == 1 && found.get(0).contains("tollgate.bc.tax-provider-paths"), found.toString());
    }

    /** Without them every Tax Provider call would be a 500; each store needs its own or the client's. */
    @Test
    void taxProviderPathsNeedEveryStoresCredentials() {
        TestConfig twoStores = TestConfig.with("tollgate.bc.provider", "bigcommerce")
                .and("tollgate.bc.tenants.store-a.store-hash", STORE_A_HASH)
                .and("tollgate.bc.tenants.store-a.access-token", STORE_A_TOKEN)
                .and("tollgate.bc.tenants.store-a.tax-provider-username", "a")
                .and("tollgate.bc.tenants.store-a.tax-provider-password", "a-pass")
                .and("tollgate.bc.tenants.store-b.store-hash", STORE_B_HASH)
                .and("tollgate.bc.tenants.store-b.access-token", STORE_B_TOKEN)
                .and("tollgate.bc.tax-provider-paths", "/api/tax");
        List<String> found = problems(twoStores);
        assertEquals(2, found.size(), found.toString());
        assertTrue(found.get(0).contains("tollgate.bc.tenants.store-b.tax-provider-username"), found.get(0));
        assertTrue(found.get(1).contains("tollgate.bc.tenants.store-b.tax-provider-password"), found.get(1));
        assertEquals(List.of(), problems(twoStores.and("tollgate.bc.tax-provider-username", "shared")
                .and("tollgate.bc.tax-provider-password", "shared-pass")), "the client's own serve every store");
    }

    @Test
    void callbackPathsNeedTheAppsCredentials() {
        List<String> found = problems(TestConfig.with("tollgate.bc.provider", "bigcommerce")
                .and("tollgate.bc.store-hash", STORE_A_HASH).and("tollgate.bc.access-token", STORE_A_TOKEN)
                .and("tollgate.bc.client-id", BigCommerceJwtTest.CLIENT_ID)
                .and("tollgate.bc.callback-paths", "/api/bigcommerce/load"));
        assertTrue(found.size() == 1 && found.get(0).contains("tollgate.bc.client-secret"), found.toString());
    }

    @Test
    void badJwtKeysAreNamed() {
        assertTrue(problems(store().and("tollgate.bc.jwt-max-lifetime", "P100Y")).get(0).contains("tollgate.bc.jwt-max-lifetime"));
        assertTrue(problems(store().and("tollgate.bc.jwt-max-lifetime", "24h")).get(0).contains("tollgate.bc.jwt-max-lifetime"));
        assertTrue(problems(store().and("tollgate.bc.jwt-replay-capacity", "0")).get(0).contains("tollgate.bc.jwt-replay-capacity"));
        assertTrue(problems(store().and("tollgate.bc.jwt-leeway", "PT1H")).get(0).contains("tollgate.bc.jwt-leeway"));
    }

    /**
     * The engine finds the check through this jar's service entry and fails deployment with it:
     * the outgoing provider alone reports nothing here, so a lost entry would guard nothing.
     */
    @Test
    void theEngineRunsItAtDeploymentFromThisJar() {
        List<String> found = TollgateEngine.builder().config(store().and("tollgate.bc.callback-paths", "/api/bigcommerce;v=2/load")
                .build()).build().validateConfiguredClients().stream().map(TollgateConfigException::getMessage).toList();
        assertEquals(1, found.size(), found.toString());
        assertTrue(found.get(0).contains("tollgate.bc.callback-paths"), found.get(0));
    }

    /** A tenant name the engine refuses is the engine's to report: the check goes on with the other stores. */
    @Test
    void aTenantNameTheEngineRefusesLeavesTheReportToTheEngine() {
        TestConfig config = TestConfig.with("tollgate.bc.provider", "bigcommerce")
                .and("tollgate.bc.tenants", "store-a, store b")
                .and("tollgate.bc.tenants.store-a.store-hash", STORE_A_HASH)
                .and("tollgate.bc.tenants.store-a.access-token", STORE_A_TOKEN)
                .and("tollgate.bc.tenants.store-a.callback-paths", "/api/bigcommerce/load");
        List<String> found = TollgateEngine.builder().config(config.build()).build().validateConfiguredClients().stream()
                .map(TollgateConfigException::getMessage).toList();
        assertEquals(2, found.size(), found.toString());
        assertTrue(found.get(0).contains("'store?b'") && found.get(0).contains("not a valid name"), found.get(0));
        assertTrue(found.get(1).contains("tollgate.bc.tenants.store-a.callback-paths"), "store-a is still checked: " + found);
    }

    @Test
    void otherProvidersAreNotItsBusiness() {
        assertEquals(List.of(), problems(TestConfig.with("tollgate.tj.provider", "taxjar").and("tollgate.tj.api-token", "t")
                .and("tollgate.tj.callback-paths", "/;")));
    }

    /** A client that installs stores: the app's credentials, its callback URL, and tenants kept in the tenant store. */
    private static TestConfig installing() {
        return TestConfig.with("tollgate.bc.provider", "bigcommerce")
                .and("tollgate.bc.client-id", BigCommerceJwtTest.CLIENT_ID)
                .and("tollgate.bc.client-secret", BigCommerceJwtTest.CLIENT_SECRET)
                .and("tollgate.bc.tenant-store", "database")
                .and("tollgate.bc.auth-callback-url", "https://app.example.com/bigcommerce/auth");
    }

    @Test
    void aClientThatInstallsStoresIsAccepted() {
        assertEquals(List.of(), problems(installing()));
        assertEquals(List.of(), problems(installing().and("tollgate.bc.auth-callback-url", "http://127.0.0.1:8080/app/bigcommerce/auth")
                .and("tollgate.bc.oauth-url", "http://localhost:9090/login")));
    }

    @Test
    void eachInstallSettingThatCannotWorkNamesItsKey() {
        for (String url : new String[] {"http://app.example.com/bigcommerce/auth", "/bigcommerce/auth", "app.example.com/auth",
                "https://user:pw@app.example.com/auth", "ftp://app.example.com/auth", "https://app.example.com/a b"}) {
            List<String> found = problems(installing().and("tollgate.bc.auth-callback-url", url));
            assertEquals(1, found.size(), url + ": " + found);
            assertTrue(found.get(0).contains("tollgate.bc.auth-callback-url"), found.get(0));
            assertTrue(!found.get(0).contains("pw@"), "the URL's user information is not repeated: " + found.get(0));
        }
        List<String> oauth = problems(installing().and("tollgate.bc.oauth-url", "http://login.example.com"));
        assertTrue(oauth.size() == 1 && oauth.get(0).contains("tollgate.bc.oauth-url"), oauth.toString());

        List<String> config = problems(installing().and("tollgate.bc.tenant-store", "config"));
        assertTrue(config.size() == 1 && config.get(0).contains("tollgate.bc.tenant-store")
                && config.get(0).contains("tollgate.bc.auth-callback-url"), config.toString());

        List<String> noSecret = problems(TestConfig.with("tollgate.bc.provider", "bigcommerce").and("tollgate.bc.tenant-store", "database")
                .and("tollgate.bc.client-id", BigCommerceJwtTest.CLIENT_ID)
                .and("tollgate.bc.auth-callback-url", "https://app.example.com/bigcommerce/auth"));
        assertTrue(noSecret.size() == 1 && noSecret.get(0).contains("tollgate.bc.client-secret"), noSecret.toString());
    }

    @Test
    void callbackPathsThatGuardTheAuthCallbackNameTheKey() {
        for (String guarding : new String[] {"/bigcommerce", "/bigcommerce/auth", "/api/bigcommerce/load, /bigcommerce/"}) {
            List<String> found = problems(installing().and("tollgate.bc.auth-callback-url", "https://app.example.com/shop/bigcommerce/auth")
                    .and("tollgate.bc.callback-paths", guarding));
            assertEquals(1, found.size(), guarding + ": " + found);
            assertTrue(found.get(0).contains("tollgate.bc.callback-paths") && found.get(0).contains("tollgate.bc.auth-callback-url"),
                    found.get(0));
        }
        assertEquals(List.of(), problems(installing().and("tollgate.bc.auth-callback-url", "https://app.example.com/shop/bigcommerce/auth")
                .and("tollgate.bc.callback-paths", "/bigcommerce/load, /bigcommerce/uninstall, /bigcommerce/remove_user, /auth/x")));
    }
}
