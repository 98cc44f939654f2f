package dev.tollgate.engine;

import static dev.tollgate.testkit.simulator.oauth2.OAuth2Fixture.BILLING_CLIENT_ID;
import static dev.tollgate.testkit.simulator.oauth2.OAuth2Fixture.BILLING_CLIENT_SECRET;
import static dev.tollgate.testkit.simulator.oauth2.OAuth2Fixture.METRICS_CLIENT_ID;
import static dev.tollgate.testkit.simulator.oauth2.OAuth2Fixture.METRICS_CLIENT_SECRET;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.engine.cluster.SharedMap;
import dev.tollgate.engine.fake.ClientCredentialsProvider;
import dev.tollgate.engine.store.DatabaseStoreFactory;
import dev.tollgate.engine.store.SealedValues;
import dev.tollgate.spi.Credential;
import dev.tollgate.spi.Secret;
import dev.tollgate.engine.testing.EngineHarness;
import dev.tollgate.engine.testing.Together;
import dev.tollgate.engine.testing.Eventually;
import dev.tollgate.engine.testing.LogRecords;
import dev.tollgate.engine.testing.MemoryCluster;
import dev.tollgate.engine.testing.PassThroughMap;
import dev.tollgate.engine.testing.OAuth2Loopback;
import dev.tollgate.engine.testing.StoreHarness;
import dev.tollgate.testkit.config.TestConfig;
import jakarta.ws.rs.client.Client;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The cluster tier attacked: servers configured with different keys or in the middle of a key
 * rotation, a shared map holding what Tollgate never wrote, a server's cache that fails where
 * the contract lets it fail (closing, describing itself while cut off).
 */
class ClusterTierAttacksTest {

    private static final int THREADS = 32;

    @RegisterExtension
    final EngineHarness harness = new EngineHarness();
    @RegisterExtension
    final StoreHarness stores = new StoreHarness();
    private final OAuth2Loopback oauth2 = harness.oauth2();
    private final MemoryCluster cluster = new MemoryCluster(harness.clock);
    private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    private final LogRecords log = harness.closeAfter(new LogRecords());

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    /** Client {@code api}, clustered, sealing with the store harness's key (a new config each time: {@code and} changes it). */
    private TestConfig config(String clientId, String clientSecret) {
        return stores.configure(oauth2.config(ClientCredentialsProvider.ID, clientId, clientSecret))
                .and("tollgate.cache", "cluster");
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private TollgateEngine node(SharedMap map, TestConfig config) {
        TollgateEngine engine = TollgateEngine.builder().config(config.build()).clock(harness.clock).sleeper(harness.sleeper)
                .sharedMap(map).build();
        harness.closeAfter(engine::close);
        return engine;
    }

    private Client client(TollgateEngine engine) {
        return harness.client(engine, OAuth2Loopback.CLIENT);
    }

    private List<String> clusterWarnings() {
        return log.at(Level.WARNING).stream().filter(m -> m.contains("did not answer")).toList();
    }

    @Test
    void serversWhoseKeysDifferFetchOncePerExpiryEachInsteadOfEvictingEachOthersToken() {
        // a typo-prone administrator: each server was given a key of its own
        Client a = client(node(cluster.node("a"), config(METRICS_CLIENT_ID, METRICS_CLIENT_SECRET)));
        Client b = client(node(cluster.node("b"), config(METRICS_CLIENT_ID, METRICS_CLIENT_SECRET)
                .and(DatabaseStoreFactory.ENCRYPTION_KEY, randomKey())));
        for (int i = 0; i < 4; i++) {
            assertEquals(200, oauth2.call(a));
            assertEquals(200, oauth2.call(b));
        }
        assertEquals(2, oauth2.simulator().tokenRequests(), "one token per server at worst, as without the cluster tier");
        assertTrue(log.at(Level.WARNING).stream().anyMatch(m -> m.contains(DatabaseStoreFactory.ENCRYPTION_KEY)),
                "the operator is told the servers' keys differ: " + log.at(Level.WARNING));
    }

    @Test
    void aServerConfiguredOtherwiseForTheClientNeverSendsTheTokenAnotherServerObtained() {
        Client a = client(node(cluster.node("a"), config(METRICS_CLIENT_ID, METRICS_CLIENT_SECRET)));
        assertEquals(200, oauth2.call(a));
        // a typo in b's client id (or a rolling change of the client's account): b's own credential is refused
        Client b = client(node(cluster.node("b"), config("metrics-servce", METRICS_CLIENT_SECRET)));
        int status;
        try {
            status = oauth2.call(b);
        } catch (RuntimeException refused) {
            status = -1;
        }
        assertNotEquals(200, status, "b called with the token a obtained for another configuration");
        assertEquals(1, oauth2.apiRequests().size(), "b sent a's token");
        assertEquals(2, oauth2.simulator().tokenRequests(), "b asked for its own");
    }

    @Test
    void aServerWhoseClientIdComesFromAnEnvironmentVariableIsComparedByItToo() {
        TestConfig base = oauth2.config(ClientCredentialsProvider.ID, METRICS_CLIENT_ID, METRICS_CLIENT_SECRET);
        TestConfig configA = stores.configure(TestConfig.with("tollgate.cache", "cluster"));
        TestConfig configB = stores.configure(TestConfig.with("tollgate.cache", "cluster"));
        for (String key : List.of("provider", "base-url", "token-url", "client-secret")) {
            String name = "tollgate.api." + key;
            String value = base.build().getValue(name, String.class);
            configA.and(name, value);
            configB.and(name, value);
        }
        // as administrators of containers do: the client id in each server's environment, mistyped on b
        configA.environment("TOLLGATE_API_CLIENT_ID", METRICS_CLIENT_ID);
        configB.environment("TOLLGATE_API_CLIENT_ID", "metrics-servce");
        Client a = client(node(cluster.node("a"), configA));
        assertEquals(200, oauth2.call(a));
        Client b = client(node(cluster.node("b"), configB));
        int status;
        try {
            status = oauth2.call(b);
        } catch (RuntimeException refused) {
            status = -1;
        }
        assertNotEquals(200, status, "b called with the token a obtained for another client id");
        assertEquals(1, oauth2.apiRequests().size(), "b sent a's token");
    }

    @Test
    void aValueTollgateNeverWroteIsReplacedByTheNextFetchAndIsNoOutage() {
        MemoryCluster.Node mapA = cluster.node("a");
        Client a = client(node(mapA, config(METRICS_CLIENT_ID, METRICS_CLIENT_SECRET)));
        assertEquals(200, oauth2.call(a));
        String key = cluster.contents().keySet().stream().filter(k -> k.startsWith("c|")).findFirst().orElseThrow();
        mapA.put(key, "not-ours", Duration.ofDays(365)); // another application's entry, or a hostile one
        harness.clock.advance(Duration.ofMinutes(6));
        Client b = client(node(cluster.node("b"), config(METRICS_CLIENT_ID, METRICS_CLIENT_SECRET)));
        Client c = client(node(cluster.node("c"), config(METRICS_CLIENT_ID, METRICS_CLIENT_SECRET)));
        assertEquals(200, oauth2.call(b));
        assertEquals(200, oauth2.call(c));
        assertEquals(200, oauth2.call(a));
        assertEquals(2, oauth2.simulator().tokenRequests(), "b's token replaced the odd value and was shared");
        assertEquals(List.of(), clusterWarnings(), "the cluster answered: no outage to tell");
    }

    @Test
    void aRotatingRefreshTokenIsPresentedOnceWhileTheServersRotateTheirKey() throws Exception {
        // a rolling key rotation: a has the new key (the old one as previous), b still the old one only
        TestConfig rotated = stores.configureRotated(oauth2.config(ClientCredentialsProvider.ID, BILLING_CLIENT_ID,
                BILLING_CLIENT_SECRET)).and("tollgate.cache", "cluster").and("tollgate.api.token-failure-cooldown", "PT0S");
        Client a = client(node(cluster.node("a"), rotated));
        Client b = client(node(cluster.node("b"), config(BILLING_CLIENT_ID, BILLING_CLIENT_SECRET)
                .and("tollgate.api.token-failure-cooldown", "PT0S")));
        assertEquals(200, oauth2.call(a));
        assertEquals(200, oauth2.call(b));
        assertEquals(200, oauth2.call(a));
        for (int i = 0; i < 4; i++) {
            harness.clock.advance(Duration.ofMinutes(61));
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                Client client = t % 2 == 0 ? a : b;
                calls.add(() -> oauth2.call(client));
            }
            assertTrue(together(calls).stream().allMatch(s -> s == 200));
        }
        assertEquals(0, oauth2.simulator().reusedRefreshTokens(), "a refresh token was presented twice");
    }

    @Test
    void twoServersClaimingOneRefreshTokenAmidAKeyRotationLeaveItToOneOfThemNotToNone() {
        // a has the new key with the old one as previous; b the old key with the new one given as previous first
        TestConfig rotated = stores.configureRotated(TestConfig.with("tollgate.test", "a"));
        String newKey = rotated.build().getValue(DatabaseStoreFactory.ENCRYPTION_KEY, String.class);
        String oldKey = rotated.build().getValue(DatabaseStoreFactory.PREVIOUS_KEYS, String.class);
        SealedValues sealsA = SealedValues.fromConfig(rotated.build());
        SealedValues sealsB = SealedValues.fromConfig(TestConfig.with(DatabaseStoreFactory.ENCRYPTION_KEY, oldKey)
                .and(DatabaseStoreFactory.PREVIOUS_KEYS, newKey).build());
        Credential credential = Credential.expiring(Secret.of("access"), harness.clock.instant().plusSeconds(60))
                .withRefreshToken(Secret.of("refresh-token-of-both"));
        SharedCredentials b = new SharedCredentials(cluster.node("b"), sealsB, Duration.ofSeconds(10), harness.clock);
        boolean[] bClaimed = new boolean[1];
        SharedCredentials a = new SharedCredentials(new PassThroughMap(cluster.node("a")) {
            private boolean first = true;

            @Override
            public boolean putIfAbsent(String key, String value, Duration lifespan) {
                boolean won = super.putIfAbsent(key, value, lifespan);
                if (first) {
                    first = false;
                    bClaimed[0] = b.claimRefreshToken(credential); // b's claim comes between a's two
                }
                return won;
            }
        }, sealsA, Duration.ofSeconds(10), harness.clock);
        boolean aClaimed = a.claimRefreshToken(credential);
        assertTrue(aClaimed ^ bClaimed[0], "a " + aClaimed + ", b " + bClaimed[0] + ": exactly one may present it");
    }

    @Test
    void aBackgroundRefreshThatGaveUpWaitingForAnotherServerCountsAsNoFetch() throws Exception {
        TestConfig config = config(METRICS_CLIENT_ID, METRICS_CLIENT_SECRET).and("tollgate.api.refresh-before", "PT2M")
                .and("tollgate.api.token-fetch-timeout", "PT1S");
        MemoryCluster.Node mapA = cluster.node("a");
        Client a = client(node(mapA, config));
        ThreadPoolExecutor refresher = new ThreadPoolExecutor(1, 1, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>());
        harness.closeAfter(refresher::shutdownNow);
        TollgateEngine nodeB = TollgateEngine.builder().config(config.build()).clock(harness.clock).sleeper(harness.sleeper)
                .sharedMap(cluster.node("b")).executor(refresher).build();
        harness.closeAfter(nodeB::close);
        Client b = client(nodeB);
        assertEquals(200, oauth2.call(a));
        assertEquals(200, oauth2.call(b));
        long fetchedByB = nodeB.cache().fetchCount();
        harness.clock.advance(Duration.ofMinutes(3).plusSeconds(30)); // stale on both
        CountDownLatch release = new CountDownLatch(1);
        harness.closeAfter(release::countDown);
        oauth2.simulator().faults().hold(release);
        assertEquals(200, oauth2.call(a)); // a's refresh holds the marker
        Eventually.until(() -> oauth2.simulator().tokenRequests() >= 2);
        mapA.kill(); // and a dies: its marker holds for the lease
        assertEquals(200, oauth2.call(b)); // b's refresh waits for it, until its own deadline (a second)
        Eventually.until(() -> refresher.getCompletedTaskCount() >= 1);
        assertEquals(1, refresher.getCompletedTaskCount());
        assertEquals(fetchedByB, nodeB.cache().fetchCount(), "b counted a fetch it never made");
    }

    @Test
    void aServerDeadWithALeaseLongerThanTheCallersPatienceFailsNoCallOnTheOthers() throws Exception {
        // a lease longer than the client's token-fetch-timeout (PT5M is allowed, PT30S the default timeout)
        TestConfig config = config(METRICS_CLIENT_ID, METRICS_CLIENT_SECRET).and("tollgate.cache.fetch-lease", "PT1M")
                .and("tollgate.api.token-fetch-timeout", "PT6S"); // b waits 3 s in real time, then has 3 s to fetch
        MemoryCluster.Node mapA = cluster.node("a");
        Client a = client(node(mapA, config));
        Client b = client(node(cluster.node("b"), config));
        CountDownLatch release = new CountDownLatch(1);
        harness.closeAfter(release::countDown);
        oauth2.simulator().faults().hold(release);
        Future<Integer> onA = pool.submit(() -> oauth2.call(a));
        Eventually.until(() -> oauth2.simulator().tokenRequests() >= 1);
        mapA.kill(); // a dies holding the marker, for a minute
        assertEquals(200, oauth2.call(b), "b's caller failed although the vendor answers");
        assertEquals(2, oauth2.simulator().tokenRequests());
        release.countDown();
        onA.get(30, TimeUnit.SECONDS);
    }

    @Test
    void aServersCacheThatFailsToStopListeningDoesNotKeepTheEngineFromClosing() throws Exception {
        MemoryCluster.Node map = cluster.node("a");
        TollgateEngine engine = node(new PassThroughMap(map) {
            @Override
            public void close() {
                throw new IllegalStateException("cache is in 'TERMINATED' state");
            }
        }, config(METRICS_CLIENT_ID, METRICS_CLIENT_SECRET));
        Client a = client(engine);
        Set<Thread> before = refreshThreads();
        assertEquals(200, oauth2.call(a));
        Set<Thread> engines = new HashSet<>(refreshThreads());
        engines.removeAll(before);
        assertFalse(engines.isEmpty(), "the fetch ran on the engine's own thread");
        assertDoesNotThrow(engine::close, "an undeployment would fail");
        Eventually.until(() -> engines.stream().noneMatch(Thread::isAlive));
        assertTrue(engines.stream().noneMatch(Thread::isAlive), "the engine's own threads outlive it");
    }

    @Test
    void aClusterCutOffThatCannotDescribeItselfStillLetsTheNodeFetchOnItsOwn() {
        MemoryCluster.Node map = cluster.node("a");
        TollgateEngine engine = node(new PassThroughMap(map) {
            private boolean joined;

            @Override
            public String describe() {
                if (joined) {
                    throw new IllegalStateException("the cache manager is stopping"); // members asked of a transport gone
                }
                joined = true;
                return super.describe();
            }
        }, config(METRICS_CLIENT_ID, METRICS_CLIENT_SECRET));
        Client a = client(engine);
        map.disconnect();
        assertEquals(200, oauth2.call(a));
        assertEquals(1, oauth2.simulator().tokenRequests());
        assertEquals(1, clusterWarnings().size(), "the outage is told once: " + log.at(Level.WARNING));
    }

    @Test
    void aServersCacheFailingWithALinkageErrorIsAnOutageTheNodeRidesOutOnItsOwn() {
        MemoryCluster.Node map = cluster.node("a");
        TollgateEngine engine = node(new PassThroughMap(map) {
            @Override
            public String get(String key) {
                // the server's cache module half-visible to the deployment: a class of it missing at the first read
                throw new NoClassDefFoundError("org/infinispan/commons/CacheException");
            }
        }, config(METRICS_CLIENT_ID, METRICS_CLIENT_SECRET));
        Client a = client(engine);
        assertEquals(200, oauth2.call(a));
        assertEquals(1, oauth2.simulator().tokenRequests());
        assertEquals(1, clusterWarnings().size(), "the outage is told once: " + log.at(Level.WARNING));
    }

    @Test
    void aSharedMapGivenInCodeIsNoDeploymentProblem() {
        TollgateEngine engine = node(cluster.node("a"), config(METRICS_CLIENT_ID, METRICS_CLIENT_SECRET));
        assertEquals(List.of(), engine.validateConfiguredClients().stream().map(Exception::getMessage).toList(),
                "the builder's map needs no cluster module");
    }

    @Test
    void aBackgroundRefreshWaitingForAnotherServerMakesNoTokenRequestOnceItsEngineClosed() throws Exception {
        TestConfig config = config(METRICS_CLIENT_ID, METRICS_CLIENT_SECRET).and("tollgate.api.refresh-before", "PT2M");
        MemoryCluster.Node mapA = cluster.node("a");
        Client a = client(node(mapA, config));
        // the server's managed executor runs b's background refreshes: closing the engine does not stop it
        ThreadPoolExecutor managed = new ThreadPoolExecutor(1, 1, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>());
        harness.closeAfter(managed::shutdownNow);
        TollgateEngine nodeB = TollgateEngine.builder().config(config(METRICS_CLIENT_ID, METRICS_CLIENT_SECRET)
                        .and("tollgate.api.refresh-before", "PT2M").build())
                .clock(harness.clock).sleeper(harness.sleeper).sharedMap(cluster.node("b")).executor(managed).build();
        harness.closeAfter(nodeB::close);
        Client b = client(nodeB);
        assertEquals(200, oauth2.call(a));
        assertEquals(200, oauth2.call(b));
        harness.clock.advance(Duration.ofMinutes(3).plusSeconds(30)); // stale on both
        CountDownLatch release = new CountDownLatch(1);
        harness.closeAfter(release::countDown);
        oauth2.simulator().faults().hold(release);
        assertEquals(200, oauth2.call(a)); // a's refresh holds the marker, its request held at the server
        Eventually.until(() -> oauth2.simulator().tokenRequests() >= 2);
        mapA.kill();
        assertEquals(200, oauth2.call(b)); // b's refresh waits for a's marker on the managed executor
        Eventually.until(() -> managed.getActiveCount() == 1);
        nodeB.close(); // the application is undeployed from b
        harness.clock.advance(Duration.ofSeconds(11)); // a's marker lapses
        Eventually.until(() -> managed.getActiveCount() == 0 || oauth2.simulator().tokenRequests() > 2);
        assertEquals(2, oauth2.simulator().tokenRequests(), "b's closed engine asked for a token");
    }

    private static Set<Thread> refreshThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("tollgate-refresh-"))
                .collect(Collectors.toSet());
    }

    private <T> List<T> together(List<Callable<T>> calls) throws Exception {
        return Together.run(pool, calls);
    }
}
