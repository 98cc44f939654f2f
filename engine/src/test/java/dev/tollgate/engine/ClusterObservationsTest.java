package dev.tollgate.engine;

import static dev.tollgate.testkit.simulator.oauth2.OAuth2Fixture.METRICS_CLIENT_ID;
import static dev.tollgate.testkit.simulator.oauth2.OAuth2Fixture.METRICS_CLIENT_SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.engine.cluster.SharedMap;
import dev.tollgate.engine.fake.ClientCredentialsProvider;
import dev.tollgate.engine.observe.HealthReport;
import dev.tollgate.engine.observe.Measurement;
import dev.tollgate.engine.observe.Metric;
import dev.tollgate.engine.testing.EngineHarness;
import dev.tollgate.engine.testing.MemoryCluster;
import dev.tollgate.engine.testing.OAuth2Loopback;
import dev.tollgate.engine.testing.PassThroughMap;
import dev.tollgate.engine.testing.StoreHarness;
import dev.tollgate.testkit.config.TestConfig;
import jakarta.ws.rs.client.Client;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What an operator of a cluster sees ({@code tollgate.cache=cluster}): each server counts the
 * credentials it took from the cluster and the fetches the cluster's cache did not answer, and its
 * readiness report says whether the cache answers, staying UP while it does not.
 */
class ClusterObservationsTest {

    private static final Map<String, String> TAGS = Map.of("client", OAuth2Loopback.CLIENT, "credential", "access-token");

    @RegisterExtension
    final EngineHarness harness = new EngineHarness();
    @RegisterExtension
    final StoreHarness stores = new StoreHarness();
    private final OAuth2Loopback oauth2 = harness.oauth2();
    private final MemoryCluster cluster = new MemoryCluster(harness.clock);

    private TestConfig config() {
        return stores.configure(oauth2.config(ClientCredentialsProvider.ID, METRICS_CLIENT_ID, METRICS_CLIENT_SECRET))
                .and("tollgate.cache", "cluster");
    }

    private TollgateEngine node(SharedMap map, TestConfig config) {
        TollgateEngine engine = TollgateEngine.builder().config(config.build()).clock(harness.clock).sleeper(harness.sleeper)
                .sharedMap(map).build();
        harness.closeAfter(engine::close);
        return engine;
    }

    private static double value(TollgateEngine engine, Metric metric, Map<String, String> tags) {
        return engine.measurements().stream().filter(m -> m.metric() == metric && m.tags().equals(tags))
                .mapToDouble(Measurement::value).findFirst().orElse(0);
    }

    private static double succeededTokenRequests(TollgateEngine engine) {
        Map<String, String> tags = new HashMap<>(TAGS);
        tags.put("outcome", "succeeded");
        return value(engine, Metric.TOKEN_REQUESTS, tags);
    }

    @Test
    void eachServerCountsTheCredentialsItTookFromTheClusterBesideItsOwnTokenRequests() {
        TollgateEngine a = node(cluster.node("a"), config());
        TollgateEngine b = node(cluster.node("b"), config());
        Client onA = harness.client(a, OAuth2Loopback.CLIENT);
        Client onB = harness.client(b, OAuth2Loopback.CLIENT);
        for (int lifetime = 0; lifetime < 3; lifetime++) {
            assertEquals(200, oauth2.call(onA));
            assertEquals(200, oauth2.call(onB));
            assertEquals(200, oauth2.call(onB)); // from b's own cache: no second adoption
            harness.clock.advance(Duration.ofMinutes(6)); // the 5-minute token expired everywhere
        }
        assertEquals(3, oauth2.simulator().tokenRequests());
        assertEquals(3, succeededTokenRequests(a), "a fetched each token");
        assertEquals(0, value(a, Metric.CLUSTER_ADOPTED, TAGS));
        assertEquals(0, succeededTokenRequests(b), "b fetched none");
        assertEquals(3, value(b, Metric.CLUSTER_ADOPTED, TAGS), "b took each from the cluster");
        assertEquals("cluster", a.health().cache());
        assertEquals("cluster", b.health().cache());
    }

    @Test
    void aServerWhoseClusterCacheDoesNotAnswerCountsItsFetchesAndSaysSinceWhenWhileStayingUp() {
        MemoryCluster.Node map = cluster.node("a");
        TollgateEngine a = node(map, config());
        Client onA = harness.client(a, OAuth2Loopback.CLIENT);
        map.disconnect();
        Instant cutOff = harness.clock.instant();
        assertEquals(200, oauth2.call(onA));
        harness.clock.advance(Duration.ofMinutes(6));
        assertEquals(200, oauth2.call(onA));

        HealthReport silent = a.health();
        assertTrue(silent.isUp(), "the server fetches on its own: ready");
        assertEquals("cluster, not answering since " + cutOff + " (this server fetches on its own)", silent.cache(),
                "since the first fetch it did not answer");
        assertEquals(2, value(a, Metric.CLUSTER_UNANSWERED, TAGS), "each fetch counted once");
        assertEquals(2, oauth2.simulator().tokenRequests());

        map.reconnect();
        harness.clock.advance(Duration.ofMinutes(6));
        assertEquals(200, oauth2.call(onA));
        assertEquals("cluster", a.health().cache(), "the next fetch found it answering");
        assertEquals(2, value(a, Metric.CLUSTER_UNANSWERED, TAGS));
    }

    @Test
    void aFetchWhoseReadTheClusterDidNotAnswerDoesNotWaitForAWriteTooAndIsCountedOnce() {
        MemoryCluster.Node map = cluster.node("a");
        AtomicInteger gets = new AtomicInteger();
        List<String> puts = new CopyOnWriteArrayList<>();
        // answers the fetch's first look and its claim, then stops answering: the look after the claim fails
        SharedMap failingAfterTheClaim = new PassThroughMap(map) {
            @Override
            public String get(String key) {
                if (gets.incrementAndGet() > 1) {
                    throw new IllegalStateException("the member lost its cluster");
                }
                return super.get(key);
            }

            @Override
            public void put(String key, String value, Duration lifespan) {
                puts.add(key);
                super.put(key, value, lifespan);
            }
        };
        TollgateEngine a = node(failingAfterTheClaim, config());
        assertEquals(200, oauth2.call(harness.client(a, OAuth2Loopback.CLIENT)));
        assertEquals(1, oauth2.simulator().tokenRequests());
        assertEquals(List.of(), puts.stream().filter(key -> key.startsWith("c|")).toList(),
                "no copy written to a cache that did not answer the read before it");
        assertEquals(1, value(a, Metric.CLUSTER_UNANSWERED, TAGS));
    }

    /** After a blip, the slower of two servers only ever takes the other's copies: those take ends the outage. */
    @Test
    void aServerThatOnlyTakesTheClustersCopiesAfterAnOutageSaysTheCacheAnswersAgain() {
        MemoryCluster.Node mapA = cluster.node("a");
        TollgateEngine a = node(mapA, config());
        TollgateEngine b = node(cluster.node("b"), config());
        mapA.disconnect();
        assertEquals(200, oauth2.call(harness.client(a, OAuth2Loopback.CLIENT)));
        assertEquals(1, value(a, Metric.CLUSTER_UNANSWERED, TAGS));
        mapA.reconnect();
        for (int lifetime = 0; lifetime < 3; lifetime++) {
            harness.clock.advance(Duration.ofMinutes(6)); // expired everywhere
            assertEquals(200, oauth2.call(harness.client(b, OAuth2Loopback.CLIENT))); // b fetches and shares
            assertEquals(200, oauth2.call(harness.client(a, OAuth2Loopback.CLIENT))); // a takes b's copy
        }
        assertEquals(3, value(a, Metric.CLUSTER_ADOPTED, TAGS));
        assertEquals("cluster", a.health().cache(), "a has taken three copies since the cache came back");
    }

    /** A member that answers looks and claims but refuses writes shares nothing: one outage, since its first refusal. */
    @Test
    void aCacheThatRefusesEveryWriteIsNotAnsweringSinceTheFirstRefusal() {
        MemoryCluster.Node map = cluster.node("a");
        SharedMap noWrites = new PassThroughMap(map) {
            @Override
            public void put(String key, String value, Duration lifespan) {
                if (key.startsWith("c|")) {
                    throw new IllegalStateException("the member cannot write");
                }
                super.put(key, value, lifespan);
            }
        };
        TollgateEngine a = node(noWrites, config());
        Client onA = harness.client(a, OAuth2Loopback.CLIENT);
        Instant first = harness.clock.instant();
        assertEquals(200, oauth2.call(onA));
        harness.clock.advance(Duration.ofMinutes(6));
        assertEquals(200, oauth2.call(onA));
        assertEquals(2, value(a, Metric.CLUSTER_UNANSWERED, TAGS), "neither fetch was shared");
        assertEquals("cluster, not answering since " + first + " (this server fetches on its own)", a.health().cache());
    }

    /**
     * README: "a fetch whose look at the cache failed does not then wait for a write to it". A
     * member that stops answering after the fetch's claim times out each operation: the look after
     * the claim, and then the release of the claim (a compare-and-remove, a write), which the
     * caller still waits for, as long again.
     */
    @Test
    void aFetchWhoseLookAfterTheClaimFailedDoesNotWaitForTheClaimsReleaseEither() throws Exception {
        AtomicInteger gets = new AtomicInteger();
        ReleaseTimingOut cutOffAfterTheClaim = new ReleaseTimingOut(cluster.node("a")) {
            @Override
            public String get(String key) {
                if (gets.incrementAndGet() > 1) {
                    throw new IllegalStateException("operation timed out: the member lost its cluster");
                }
                return super.get(key);
            }
        };
        TollgateEngine a = node(cutOffAfterTheClaim, config());
        assertEquals(200, oauth2.call(harness.client(a, OAuth2Loopback.CLIENT)));
        cutOffAfterTheClaim.callReturned.countDown();
        assertEquals(1, oauth2.simulator().tokenRequests());
        assertEquals(List.of(), cutOffAfterTheClaim.writesWhileTheCallerWaited,
                "the caller waited for a write to a cache whose look had just failed");
    }

    /** The same when the member stops answering at the write of the fetched copy. */
    @Test
    void aFetchWhoseWriteFailedDoesNotWaitForTheClaimsReleaseEither() throws Exception {
        ReleaseTimingOut cutOffAtTheWrite = new ReleaseTimingOut(cluster.node("a")) {
            @Override
            public void put(String key, String value, Duration lifespan) {
                throw new IllegalStateException("operation timed out: the member lost its cluster");
            }
        };
        TollgateEngine a = node(cutOffAtTheWrite, config());
        assertEquals(200, oauth2.call(harness.client(a, OAuth2Loopback.CLIENT)));
        cutOffAtTheWrite.callReturned.countDown();
        assertEquals(1, oauth2.simulator().tokenRequests());
        assertEquals(List.of(), cutOffAtTheWrite.writesWhileTheCallerWaited,
                "the caller waited for a write to a cache that had just failed one");
        assertEquals(1, value(a, Metric.CLUSTER_UNANSWERED, TAGS));
    }

    /**
     * A cut-off member answers a release (compare-and-remove, a write) only by timing out: here when
     * the test's call has returned, or after 3 s, noting each release a caller would have waited for.
     */
    private static class ReleaseTimingOut extends PassThroughMap {
        final CountDownLatch callReturned = new CountDownLatch(1);
        final List<String> writesWhileTheCallerWaited = new CopyOnWriteArrayList<>();

        ReleaseTimingOut(SharedMap map) {
            super(map);
        }

        @Override
        public boolean remove(String key, String expected) {
            try {
                if (!callReturned.await(3, TimeUnit.SECONDS)) {
                    writesWhileTheCallerWaited.add("remove " + key);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("operation timed out: the member lost its cluster");
        }
    }

    @Test
    void aServerKeepingItsCredentialsToItselfSaysLocal() {
        TollgateEngine alone = node(cluster.node("a"), config().and("tollgate.cache", "local"));
        assertEquals(200, oauth2.call(harness.client(alone, OAuth2Loopback.CLIENT)));
        assertEquals(HealthReport.LOCAL, alone.health().cache());
        assertEquals(0, value(alone, Metric.CLUSTER_ADOPTED, TAGS));
    }
}
