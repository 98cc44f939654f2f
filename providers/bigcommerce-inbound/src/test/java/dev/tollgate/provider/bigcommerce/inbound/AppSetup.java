package dev.tollgate.provider.bigcommerce.inbound;

import dev.tollgate.api.Tollgate;
import dev.tollgate.engine.TollgateEngine;
import dev.tollgate.engine.testing.EngineHarness;
import dev.tollgate.engine.testing.StoreHarness;
import dev.tollgate.testkit.config.TestConfig;
import dev.tollgate.testkit.http.LoopbackServer;
import dev.tollgate.testkit.log.ConfiguredSecrets;
import dev.tollgate.testkit.simulator.bigcommerce.AuthCallback;
import dev.tollgate.testkit.simulator.bigcommerce.BigCommerceSimulator;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * What the app's tests share: the BigCommerce simulator (API host and login service) on loopback,
 * an app registered there, and an engine of client {@code bc} whose tenants are kept in an H2
 * tenant store. The clock starts at the real now: SmallRye checks a payload's expiry on the real
 * clock, the verifier and the simulator on the movable one.
 */
final class AppSetup {

    static final String CLIENT = "bc";
    static final String CLIENT_ID = "tollgate-install-app-3Fz8";
    static final String CLIENT_SECRET = ConfiguredSecrets.record("bcInstallAppS3cret-7Yq2Wm4Kd9Lp1Xr6");
    static final String AUTH_CALLBACK = "https://app.example.com/bigcommerce/auth";
    static final String SCOPE = "store_v2_products_read_only store_v2_information_read_only";
    static final String NEW_STORE = "n3wst0re";

    final EngineHarness harness = new EngineHarness(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    final StoreHarness stores = new StoreHarness();
    final BigCommerceSimulator bc = new BigCommerceSimulator(harness.clock, harness.journal)
            .registerApp(CLIENT_ID, CLIENT_SECRET, AUTH_CALLBACK);
    final LoopbackServer server = harness.serve(bc);

    /** The client's configuration: API and login service on the simulator, tenants in the store. */
    TestConfig config() {
        return TestConfig.with("tollgate.bc.provider", "bigcommerce")
                .and("tollgate.bc.base-url", server.url(""))
                .and("tollgate.bc.tenant-store", "database")
                .and("tollgate.bc.client-id", CLIENT_ID)
                .and("tollgate.bc.client-secret", CLIENT_SECRET)
                .and("tollgate.bc.oauth-url", server.url(""))
                .and("tollgate.bc.auth-callback-url", AUTH_CALLBACK);
    }

    TollgateEngine engine() {
        return engine(config());
    }

    TollgateEngine engine(TestConfig config) {
        TollgateEngine engine = TollgateEngine.builder().config(stores.configure(config).build()).clock(harness.clock)
                .sleeper(harness.sleeper).build();
        harness.closeAfter(engine::close);
        return engine;
    }

    BigCommerceApp app(TollgateEngine engine) {
        return BigCommerceApp.forClient(engine, CLIENT, harness.clock);
    }

    /** A merchant installs the app in {@code storeHash}: what BigCommerce puts on the auth callback. */
    AuthCallback merchantInstalls(String storeHash) {
        return bc.install(CLIENT_ID, storeHash, SCOPE);
    }

    InstalledStore install(BigCommerceApp app, AuthCallback callback) {
        return app.install(callback.code(), callback.scope(), callback.context());
    }

    /** The store's catalog read through Tollgate as the store's tenant: the status BigCommerce answered. */
    int catalog(TollgateEngine engine, String storeHash) {
        Client client = harness.client(engine, CLIENT);
        try (Response response = client.target(server.url("stores/" + storeHash + "/v3/catalog/products")).request()
                .property(Tollgate.TENANT_PROPERTY, BigCommerceApp.tenantOf(storeHash)).get()) {
            return response.getStatus();
        }
    }

    /** The token the last request to the simulator carried. */
    String lastToken() {
        return harness.journal.last().header("X-Auth-Token").orElse("none");
    }

    /** What the tenant store holds for the store's tenant, secrets masked; empty when nothing. */
    Map<String, String> stored(TollgateEngine engine, String storeHash) {
        return engine.tenants().client(CLIENT).masked(BigCommerceApp.tenantOf(storeHash));
    }
}
