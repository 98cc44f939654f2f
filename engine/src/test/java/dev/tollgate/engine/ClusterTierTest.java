package dev.tollgate.engine;

import static dev.tollgate.testkit.simulator.oauth2.OAuth2Fixture.BILLING_CLIENT_ID;
import static dev.tollgate.testkit.simulator.oauth2.OAuth2Fixture.BILLING_CLIENT_SECRET;
import static dev.tollgate.testkit.simulator.oauth2.OAuth2Fixture.METRICS_CLIENT_ID;
import static dev.tollgate.testkit.simulator.oauth2.OAuth2Fixture.METRICS_CLIENT_SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.engine.fake.ClientCredentialsProvider;
import dev.tollgate.engine.testing.EngineHarness;
import dev.tollgate.engine.testing.Together;
import dev.tollgate.engine.testing.Eventually;
import dev.tollgate.engine.testing.MemoryCluster;
import dev.tollgate.engine.testing.OAuth2Loopback;
import dev.tollgate.engine.testing.StoreHarness;
import dev.tollgate.testkit.config.TestConfig;
import jakarta.ws.rs.client.Client;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two engines as two servers of a cluster ({@code tollgate.cache=cluster}) over a replicated map in
 * this JVM, against the simulated authorization server on the test's clock: one token request per
 * expiry for the cluster, one refresh while both keep serving, a refresh token presented once in
 * the whole cluster, a 401 on one node never followed by the dropped token on the other, a node
 * dying mid-fetch holding the others back for its lease only, and nothing readable in the map.
 */
class ClusterTierTest {

    private static final int THREADS = 64;

    @RegisterExtension
    final EngineHarness harness = new EngineHarness();
    @RegisterExtension
    final StoreHarness stores = new StoreHarness();
    private final OAuth2Loopback oauth2 = harness.oauth2();
    private final MemoryCluster cluster = new MemoryCluster(harness.clock);
    private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    /** Client {@code api}, clustered, sealing with the store harness's key. */
    private TestConfig config(String clientId, String clientSecret) {
        return stores.configure(oauth2.config(ClientCredentialsProvider.ID, clientId, clientSecret))
                .and("tollgate.cache", "cluster");
    }

    private TollgateEngine node(String name, TestConfig config) {
        return node(cluster.node(name), config);
    }

    private TollgateEngine node(MemoryCluster.Node map, TestConfig config) {
        TollgateEngine engine = TollgateEngine.builder().config(config.build()).clock(harness.clock).sleeper(harness.sleeper)
                .sharedMap(map).build();
        harness.closeAfter(engine::close);
        return engine;
    }

    private Client client(TollgateEngine engine) {
        return harness.client(engine, OAuth2Loopback.CLIENT);
    }

    private String lastToken() {
        List<dev.tollgate.testkit.http.RecordedRequest> api = oauth2.apiRequests();
        return api.get(api.size() - 1).header("Authorization").orElseThrow();
    }

    private <T> List<T> together(List<Callable<T>> calls) throws Exception {
        return Together.run(pool, calls);
    }

    /** 32 callers on each of two clients, alternating. */
    private List<Callable<Integer>> spread(Client a, Client b) {
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            Client client = i % 2 == 0 ? a : b;
            calls.add(() -> oauth2.call(client));
        }
        return calls;
    }

    @Test
    void twoNodesMakeOneTokenRequestPerExpiryForTheCluster() {
        TestConfig config = config(METRICS_CLIENT_ID, METRICS_CLIENT_SECRET); // 5-minute tokens
        Client a = client(node("a", config));
        Client b = client(node("b", config));
        assertEquals(200, oauth2.call(a));
        assertEquals(200, oauth2.call(b));
        assertEquals(1, oauth2.simulator().tokenRequests(), "node b took node a's token");
        String first = lastToken();
        for (int lifetime = 2; lifetime <= 10; lifetime++) {
            harness.clock.advance(Duration.ofMinutes(6)); // expired everywhere
            assertEquals(200, oauth2.call(lifetime % 2 == 0 ? b : a));
            assertEquals(200, oauth2.call(lifetime % 2 == 0 ? a : b));
            assertEquals(lifetime, oauth2.simulator().tokenRequests(), "lifetime " + lifetime);
        }
        assertNotEquals(first, lastToken());
    }

    @Test
    void sixtyFourCallersAcrossTwoNodesOnAnExpiredTokenMakeOneTokenRequest() throws Exception {
        TestConfig config = config(METRICS_CLIENT_ID, METRICS_CLIENT_SECRET);
        Client a = client(node("a", config));
        Client b = client(node("b", config));
        assertEquals(200, oauth2.call(a));
        assertEquals(200, oauth2.call(b));
        harness.clock.advance(Duration.ofMinutes(6));
        CountDownLatch release = new CountDownLatch(1);
        oauth2.simulator().faults().hold(release); // the one token request stays open while both nodes pile up
        List<Future<List<Integer>>> storm = List.of(pool.submit(() -> together(spread(a, b))));
        Eventually.until(() -> oauth2.simulator().tokenRequests() >= 2);
        release.countDown();
        assertTrue(storm.get(0).get(30, TimeUnit.SECONDS).stream().allMatch(s -> s == 200));
        assertEquals(2, oauth2.simulator().tokenRequests(), "one token request for both nodes' 64 callers");
    }

    @Test
    void whileOneNodeRefreshesBothKeepServingTheValidTokenAndOneRefreshIsMade() throws Exception {
        TestConfig config = config(METRICS_CLIENT_ID, METRICS_CLIENT_SECRET).and("tollgate.api.refresh-before", "PT2M");
        TollgateEngine nodeA = node("a", config);
        TollgateEngine nodeB = node("b", config);
        Client a = client(nodeA);
        Client b = client(nodeB);
        assertEquals(200, oauth2.call(a));
        assertEquals(200, oauth2.call(b));
        String old = lastToken();
        harness.clock.advance(Duration.ofMinutes(3).plusSeconds(30)); // stale on both nodes
        CountDownLatch release = new CountDownLatch(1);
        oauth2.simulator().faults().hold(release);
        // had any caller waited for the held refresh, these would time out
        assertTrue(together(spread(a, b)).stream().allMatch(s -> s == 200));
        assertTrue(oauth2.apiRequests().stream().allMatch(r -> r.header("Authorization").orElseThrow().equals(old)));
        Eventually.until(() -> oauth2.simulator().tokenRequests() >= 2);
        release.countDown();
        Eventually.until(() -> {
            oauth2.call(a);
            oauth2.call(b);
            return !lastToken().equals(old);
        });
        assertEquals(2, oauth2.simulator().tokenRequests(), "one refresh for the cluster");
    }

    @Test
    void aRotatingRefreshTokenIsPresentedOnceInTheWholeCluster() throws Exception {
        // billing-service: 1-hour tokens, refresh tokens that rotate; reuse answers invalid_grant
        TestConfig config = config(BILLING_CLIENT_ID, BILLING_CLIENT_SECRET).and("tollgate.api.token-failure-cooldown", "PT0S");
        Client a = client(node("a", config));
        Client b = client(node("b", config));
        assertEquals(200, oauth2.call(a));
        assertEquals(200, oauth2.call(b));
        int cycles = 6;
        for (int i = 0; i < cycles; i++) {
            harness.clock.advance(Duration.ofMinutes(61));
            assertTrue(together(spread(a, b)).stream().allMatch(s -> s == 200));
        }
        assertEquals(0, oauth2.simulator().reusedRefreshTokens(), "a refresh token was presented twice");
        assertEquals(1, oauth2.simulator().grants("client_credentials"));
        assertEquals(cycles, oauth2.simulator().grants("refresh_token"));
    }

    @Test
    void aRefreshTokenPresentedByANodeThatDiedBeforeSharingIsNeverPresentedAgain() throws Exception {
        TestConfig config = config(BILLING_CLIENT_ID, BILLING_CLIENT_SECRET).and("tollgate.cache.fetch-lease", "PT2S");
        MemoryCluster.Node mapA = cluster.node("a");
        Client a = client(node(mapA, config));
        Client b = client(node("b", config));
        assertEquals(200, oauth2.call(a));
        assertEquals(200, oauth2.call(b));
        harness.clock.advance(Duration.ofMinutes(61)); // expired: whoever fetches refreshes
        CountDownLatch release = new CountDownLatch(1);
        oauth2.simulator().faults().hold(release);
        Future<Integer> onA = pool.submit(() -> oauth2.call(a));
        Eventually.until(() -> oauth2.simulator().tokenRequests() >= 2); // a's refresh is at the server
        mapA.kill(); // a dies holding the marker, its refresh token presented
        Future<Integer> onB = pool.submit(() -> oauth2.call(b));
        harness.clock.advance(Duration.ofSeconds(3)); // the lease is over
        release.countDown();
        assertEquals(200, onB.get(30, TimeUnit.SECONDS), "b fetched once a's marker lapsed");
        onA.get(30, TimeUnit.SECONDS);
        assertEquals(0, oauth2.simulator().reusedRefreshTokens(), "b presented the refresh token a had presented");
        assertEquals(2, oauth2.simulator().grants("client_credentials"), "b asked for a new grant instead");
    }

    @Test
    void aNodeThatDiesHoldingTheFetchMarkerDelaysTheOthersByItsLeaseOnly() throws Exception {
        TestConfig config = config(METRICS_CLIENT_ID, METRICS_CLIENT_SECRET).and("tollgate.cache.fetch-lease", "PT5S");
        MemoryCluster.Node mapA = cluster.node("a");
        Client a = client(node(mapA, config));
        Client b = client(node("b", config));
        CountDownLatch release = new CountDownLatch(1);
        oauth2.simulator().faults().hold(release);
        Future<Integer> onA = pool.submit(() -> oauth2.call(a));
        Eventually.until(() -> oauth2.simulator().tokenRequests() >= 1);
        mapA.kill();
        Future<Integer> onB = pool.submit(() -> oauth2.call(b));
        Thread.sleep(300); // b waits for a's marker; it must not have fetched yet
        assertEquals(1, oauth2.simulator().tokenRequests(), "b fetched while a's marker held");
        assertFalse(onB.isDone());
        harness.clock.advance(Duration.ofSeconds(6)); // a's lease lapses
        assertEquals(200, onB.get(30, TimeUnit.SECONDS));
        release.countDown();
        onA.get(30, TimeUnit.SECONDS);
    }

    @Test
    void aTokenRefusedOnOneNodeIsNeverSentByTheOther() {
        TestConfig config = config(METRICS_CLIENT_ID, METRICS_CLIENT_SECRET);
        Client a = client(node("a", config));
        Client b = client(node("b", config));
        assertEquals(200, oauth2.call(a));
        assertEquals(200, oauth2.call(b));
        String dropped = lastToken();
        oauth2.simulator().revoke(dropped.substring("Bearer ".length()));
        assertEquals(200, oauth2.call(a), "a's 401 is followed by a new token");
        assertEquals(2, oauth2.simulator().tokenRequests());
        int before = oauth2.apiRequests().size();
        assertEquals(200, oauth2.call(b));
        List<String> sentByB = oauth2.apiRequests().subList(before, oauth2.apiRequests().size()).stream()
                .map(r -> r.header("Authorization").orElseThrow()).toList();
        assertFalse(sentByB.contains(dropped), "b sent the token a's vendor refused: " + sentByB.size() + " requests");
        assertEquals(2, oauth2.simulator().tokenRequests(), "b took a's new token");
    }

    @Test
    void theSharedCopiesHoldNoTokenNoRefreshTokenAndDoNotOpenUnderAnotherKey() {
        // both servers configured alike (copies are shared between such servers only), with tenant acme
        TestConfig config = config(BILLING_CLIENT_ID, BILLING_CLIENT_SECRET).and("tollgate.api.tenants", "acme")
                .and("tollgate.api.tenant-required", "false");
        TollgateEngine nodeA = node("a", config);
        Client a = client(nodeA);
        assertEquals(200, oauth2.call(a));
        String token = lastToken().substring("Bearer ".length());
        Map<String, String> contents = cluster.contents();
        assertFalse(contents.isEmpty());
        String all = contents.toString();
        assertFalse(all.contains(token), "the access token is in the shared map");
        assertFalse(all.contains(BILLING_CLIENT_SECRET));
        assertFalse(oauth2.simulator().liveRefreshTokens().isEmpty(), "billing-service is given refresh tokens");
        for (String secret : oauth2.simulator().liveRefreshTokens()) {
            assertFalse(all.contains(secret), "a refresh token is in the shared map");
        }
        // moved to the key of another tenant, it does not open there: that tenant fetches its own
        String key = contents.keySet().stream().filter(k -> k.startsWith("c|")).findFirst().orElseThrow();
        String other = key.replace("|api||", "|api|acme|");
        assertNotEquals(key, other);
        assertTrue(cluster.copy(key, other));
        Client b = client(node("b", config));
        assertFalse(oauth2.simulator().liveRefreshTokens().isEmpty());
        try (var response = b.target(oauth2.url("oauth2/api/resource")).request()
                .property(dev.tollgate.api.Tollgate.TENANT_PROPERTY, "acme").get()) {
            assertEquals(200, response.getStatus());
        }
        assertEquals(2, oauth2.simulator().tokenRequests(), "the moved copy was used for another tenant");
    }

    @Test
    void whenTheClusterDoesNotAnswerANodeFetchesOnItsOwn() {
        TestConfig config = config(METRICS_CLIENT_ID, METRICS_CLIENT_SECRET);
        MemoryCluster.Node mapA = cluster.node("a");
        Client a = client(node(mapA, config));
        mapA.disconnect();
        assertEquals(200, oauth2.call(a));
        assertEquals(1, oauth2.simulator().tokenRequests());
        mapA.reconnect();
        harness.clock.advance(Duration.ofMinutes(6));
        assertEquals(200, oauth2.call(a));
        Client b = client(node("b", config));
        assertEquals(200, oauth2.call(b));
        assertEquals(2, oauth2.simulator().tokenRequests(), "after it answers again, the token is shared again");
    }

    @Test
    void overTenTokenLifetimesTwoClusteredNodesAskHalfAsOftenAsTwoIndependentOnes() {
        int clustered = requestsOverTenLifetimes(config(METRICS_CLIENT_ID, METRICS_CLIENT_SECRET));
        int independent = requestsOverTenLifetimes(config(METRICS_CLIENT_ID, METRICS_CLIENT_SECRET).and("tollgate.cache", "local"))
                - clustered;
        assertEquals(10, clustered, "one token request per lifetime for the cluster");
        assertEquals(20, independent, "one per lifetime per node");
        System.out.println("token requests over 10 lifetimes, calls on both nodes: cluster " + clustered
                + ", two independent nodes " + independent);
    }

    /**
     * Calls on two nodes every minute for ten 5-minute lifetimes, tokens renewed when they expire
     * (no refresh window, so no background refresh is still running when the count is read); the
     * simulator's count after.
     */
    private int requestsOverTenLifetimes(TestConfig config) {
        config.and("tollgate.api.refresh-before", "PT0S");
        Client a = client(node("a", config));
        Client b = client(node("b", config));
        for (int minute = 0; minute < 50; minute++) {
            assertEquals(200, oauth2.call(minute % 2 == 0 ? a : b));
            assertEquals(200, oauth2.call(minute % 2 == 0 ? b : a));
            harness.clock.advance(Duration.ofMinutes(1));
        }
        return oauth2.simulator().tokenRequests();
    }
}
