package dev.tollgate.suites;

import dev.tollgate.engine.testing.EngineHarness;
import dev.tollgate.testkit.config.TestConfig;
import dev.tollgate.testkit.http.LoopbackServer;
import dev.tollgate.testkit.http.RequestJournal;
import dev.tollgate.testkit.simulator.TokenEndpointFaults;
import dev.tollgate.testkit.simulator.bigcommerce.BigCommerceFixture;
import dev.tollgate.testkit.simulator.bigcommerce.BigCommerceSimulator;
import dev.tollgate.testkit.simulator.elasticpath.ElasticPathFixture;
import dev.tollgate.testkit.simulator.elasticpath.ElasticPathSimulator;
import dev.tollgate.testkit.simulator.elasticpath.ElasticPathStores;
import dev.tollgate.testkit.simulator.oauth2.OAuth2Clients;
import dev.tollgate.testkit.simulator.oauth2.OAuth2Fixture;
import dev.tollgate.testkit.simulator.oauth2.OAuth2Simulator;
import dev.tollgate.testkit.simulator.sila.SilaApps;
import dev.tollgate.testkit.simulator.sila.SilaFixture;
import dev.tollgate.testkit.simulator.sila.SilaSimulator;
import dev.tollgate.testkit.simulator.taxizer.TaxizerFixture;
import dev.tollgate.testkit.simulator.taxizer.TaxizerSimulator;
import dev.tollgate.testkit.time.MutableClock;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * One expiring-token vendor for the suites: its simulator on loopback (through the engine's test
 * harness, which also builds the engines and clients and closes them), how to configure a client
 * for it, one protected call, and token answers that are wrong in the ways a real one can be.
 */
final class Vendor implements AutoCloseable {

    final String name;
    private final EngineHarness harness;
    final MutableClock clock;
    final TokenEndpointFaults faults;
    private final IntSupplier tokenRequests;
    private final LoopbackServer server;
    private final TestConfig config;
    private final String callPath;
    private final boolean post;
    final String validAnswer;
    final String wrongTypes;
    final String missingFields;
    final Supplier<String> pastExpiry;

    private Vendor(String name, EngineHarness harness, TokenEndpointFaults faults, IntSupplier tokenRequests, LoopbackServer server,
                   TestConfig config, String callPath, boolean post, String validAnswer, String wrongTypes, String missingFields,
                   Supplier<String> pastExpiry) {
        this.name = name;
        this.harness = harness;
        this.clock = harness.clock;
        this.faults = faults;
        this.tokenRequests = tokenRequests;
        this.server = server;
        this.config = config;
        this.callPath = callPath;
        this.post = post;
        this.validAnswer = validAnswer;
        this.wrongTypes = wrongTypes;
        this.missingFields = missingFields;
        this.pastExpiry = pastExpiry;
    }

    static List<String> names() {
        return List.of("sila", "elasticpath", "taxizer", "oauth2", "bigcommerce");
    }

    static Vendor named(String name) {
        EngineHarness harness = new EngineHarness("2026-11-22T10:00:00Z");
        MutableClock clock = harness.clock;
        RequestJournal journal = harness.journal;
        long future = 4_102_444_800L; // 2100-01-01: fuzzed variants of a valid answer stay valid if they parse
        Supplier<Long> past = () -> clock.instant().minusSeconds(60).getEpochSecond();
        switch (name) {
            case "sila" -> {
                SilaSimulator sila = new SilaSimulator(SilaApps.standard(), clock, journal);
                LoopbackServer server = harness.serve(sila);
                return new Vendor(name, harness, sila.faults(), sila::tokenRequests, server,
                        base("sila").and("tollgate.v.base-url", server.url("sila/sandbox/0.2"))
                                .and("tollgate.v.client-id", SilaFixture.ACME_SANDBOX_CLIENT_ID)
                                .and("tollgate.v.client-secret", SilaFixture.ACME_SANDBOX_CLIENT_SECRET)
                                .and("tollgate.v.app-handle", SilaFixture.ACME_APP_HANDLE),
                        "sila/sandbox/0.2/check_handle", true,
                        "{\"success\":true,\"access_token\":{\"token\":\"eyJ.fuzz.token\",\"expiration\":" + future
                                + ",\"expiration_dt\":\"2026-11-22T11:00:00Z\"}}",
                        "{\"success\":\"yes\",\"access_token\":{\"token\":[1],\"expiration\":\"soon\"}}",
                        "{\"success\":true,\"access_token\":{}}",
                        () -> "{\"success\":true,\"access_token\":{\"token\":\"t\",\"expiration\":" + past.get() + "}}");
            }
            case "elasticpath" -> {
                ElasticPathSimulator ep = new ElasticPathSimulator(ElasticPathStores.standard(), clock, journal);
                LoopbackServer server = harness.serve(ep);
                return new Vendor(name, harness, ep.faults(), ep::tokenRequests, server,
                        base("elasticpath").and("tollgate.v.base-url", server.url("elasticpath/useast"))
                                .and("tollgate.v.client-id", ElasticPathFixture.ACME_CLIENT_ID)
                                .and("tollgate.v.client-secret", ElasticPathFixture.ACME_CLIENT_SECRET),
                        "elasticpath/useast/v2/products", false,
                        "{\"expires\":" + future + ",\"identifier\":\"client_credentials\",\"expires_in\":3600,"
                                + "\"access_token\":\"0123456789abcdef\",\"token_type\":\"Bearer\"}",
                        "{\"expires\":\"soon\",\"access_token\":{\"a\":1}}",
                        "{\"token_type\":\"Bearer\"}",
                        () -> "{\"expires\":" + past.get() + ",\"access_token\":\"t\",\"token_type\":\"Bearer\"}");
            }
            case "taxizer" -> {
                TaxizerSimulator taxizer = new TaxizerSimulator(clock, journal, Duration.ofMinutes(30), Duration.ofHours(2));
                LoopbackServer server = harness.serve(taxizer);
                return new Vendor(name, harness, taxizer.faults(), () -> taxizer.connects() + taxizer.refreshes(), server,
                        base("taxizer").and("tollgate.v.base-url", server.url("taxizer/"))
                                .and("tollgate.v.client-id", TaxizerFixture.ACME_CLIENT_ID)
                                .and("tollgate.v.client-secret", TaxizerFixture.ACME_CLIENT_SECRET),
                        "taxizer/v1/Products", false,
                        "{\"jwtToken\":\"eyJ.fuzz\",\"jwtTokenExpireAtUTC\":\"2100-01-01T00:00:00Z\",\"refreshToken\":\"r\","
                                + "\"refreshTokenExpireAtUTC\":\"2100-01-02T00:00:00Z\"}",
                        "{\"jwtToken\":{\"x\":1},\"jwtTokenExpireAtUTC\":42}",
                        "{\"refreshToken\":\"r\"}",
                        () -> "{\"jwtToken\":\"t\",\"jwtTokenExpireAtUTC\":\"" + Instant.ofEpochSecond(past.get())
                                + "\",\"refreshToken\":\"r\",\"refreshTokenExpireAtUTC\":\"2026-11-23T10:00:00Z\"}");
            }
            case "oauth2" -> {
                OAuth2Simulator oauth = new OAuth2Simulator(OAuth2Clients.standard(), clock, journal);
                LoopbackServer server = harness.serve(oauth);
                return new Vendor(name, harness, oauth.faults(), oauth::tokenRequests, server,
                        base("oauth2").and("tollgate.v.base-url", server.url("oauth2/"))
                                .and("tollgate.v.token-url", server.url("oauth2/token"))
                                .and("tollgate.v.client-id", OAuth2Fixture.METRICS_CLIENT_ID)
                                .and("tollgate.v.client-secret", OAuth2Fixture.METRICS_CLIENT_SECRET),
                        "oauth2/api/resource", false,
                        "{\"access_token\":\"fuzz-token\",\"token_type\":\"Bearer\",\"expires_in\":300}",
                        "{\"access_token\":42,\"token_type\":true,\"expires_in\":\"x\"}",
                        "{\"token_type\":\"Bearer\"}",
                        () -> "{\"access_token\":\"t\",\"token_type\":\"Bearer\",\"expires_in\":0}");
            }
            case "bigcommerce" -> {
                // the storefront token: the BigCommerce credential that expires (expires_at is chosen by the client)
                BigCommerceSimulator bc = new BigCommerceSimulator(clock, journal);
                LoopbackServer server = harness.serve(bc);
                return new Vendor(name, harness, bc.faults(), bc::tokenRequests, server,
                        base("bigcommerce").and("tollgate.v.base-url", server.url(""))
                                .and("tollgate.v.store-hash", BigCommerceFixture.STORE_A_HASH)
                                .and("tollgate.v.access-token", BigCommerceFixture.STORE_A_TOKEN)
                                .and("tollgate.v.storefront-url", server.url("")),
                        "graphql", true,
                        "{\"data\":{\"token\":\"eyJ.fuzz.storefront\"},\"meta\":{}}",
                        "{\"data\":\"eyJ\",\"meta\":[]}",
                        "{\"meta\":{}}",
                        () -> "{\"data\":{\"token\":\"\"},\"meta\":{}}"); // no expiry to get wrong: an empty token instead
            }
            default -> throw new IllegalArgumentException(name);
        }
    }

    private static TestConfig base(String provider) {
        return TestConfig.with("tollgate.v.provider", provider)
                .and("tollgate.v.token-max-attempts", "3")
                .and("tollgate.v.token-failure-cooldown", "PT1S")
                .and("tollgate.v.connect-timeout", "PT1S")
                // one second: on a loaded 2-core machine half a second cut off answers that were on their way
                .and("tollgate.v.read-timeout", "PT1S");
    }

    /** The vendor's configured secrets, as its fixture lists them. */
    List<String> secrets() {
        return switch (name) {
            case "sila" -> SilaFixture.secrets();
            case "elasticpath" -> ElasticPathFixture.secrets();
            case "taxizer" -> TaxizerFixture.secrets();
            case "bigcommerce" -> BigCommerceFixture.secrets();
            default -> OAuth2Fixture.secrets();
        };
    }

    int tokenRequests() {
        return tokenRequests.getAsInt();
    }

    /** A client whose retry waits move the vendor's clock instead of sleeping; {@code extra} keys override. */
    Client client(String... extra) {
        TestConfig c = config.copy(); // TestConfig.and changes the config it is called on
        for (int i = 0; i + 1 < extra.length; i += 2) {
            c = c.and(extra[i], extra[i + 1]);
        }
        return harness.client(harness.engine(c), "v");
    }

    /** One protected call; the status, or the exception Tollgate threw. */
    int call(Client client) {
        return callAt(client, server.url(""));
    }

    /** The same call to another host (root URL ending in '/'). */
    int callAt(Client client, String root) {
        var request = client.target(root + callPath).request();
        try (Response r = post ? request.post(Entity.json("{\"header\":{\"app_handle\":\"" + SilaFixture.ACME_APP_HANDLE + "\"}}"))
                : request.get()) {
            return r.getStatus();
        }
    }

    /** The root URL of a port nothing listens on any more. */
    static String closedPortUrl() {
        try (LoopbackServer gone = LoopbackServer.serve()) {
            return gone.url("");
        }
    }

    /** A client whose token endpoint is on {@code root}, where nothing listens; and where to call. */
    Client clientWithTokenEndpointAt(String root) {
        if (name.equals("oauth2")) {
            return client("tollgate.v.token-url", root + "oauth2/token");
        }
        String prefix = config.build().getValue("tollgate.v.base-url", String.class).substring(server.url("").length());
        if (name.equals("bigcommerce")) {
            return client("tollgate.v.base-url", root + prefix, "tollgate.v.storefront-url", root);
        }
        return client("tollgate.v.base-url", root + prefix);
    }

    /** Where a call goes when {@link #clientWithTokenEndpointAt} moved the API too. */
    String callRootFor(String closedRoot) {
        return name.equals("oauth2") ? server.url("") : closedRoot;
    }

    @Override
    public void close() {
        harness.close();
    }

    @Override
    public String toString() {
        return name;
    }
}
