package dev.tollgate.cluster.infinispan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two members of a real Infinispan cluster (in this JVM), each with its own shared map over the replicated cache. */
class ClusteredSharedMapTest {

    private static final Duration LONG = Duration.ofMinutes(5);

    private static EmbeddedCaches caches;
    private static InfinispanSharedMap node1;
    private static InfinispanSharedMap node2;

    @BeforeAll
    static void start() {
        caches = EmbeddedCaches.cluster("tollgate-test-" + ProcessHandle.current().pid());
        node1 = new InfinispanSharedMap(caches.cache(0));
        node2 = new InfinispanSharedMap(caches.cache(1));
    }

    @AfterAll
    static void stop() {
        caches.close();
    }

    @Test
    void theClusterHasBothMembers() {
        assertTrue(node1.describe().contains("node1") && node1.describe().contains("node2"), node1.describe());
    }

    @Test
    void aWriteOnOneNodeIsReadOnTheOther() {
        node1.put("written-on-1", "v", LONG);
        assertEquals("v", node2.get("written-on-1"));
        assertTrue(node2.remove("written-on-1", "v"));
        assertNull(node1.get("written-on-1"));
    }

    @Test
    void eachNodesListenerHearsTheOtherNodesWrites() {
        List<Map.Entry<String, String>> heardOn2 = new CopyOnWriteArrayList<>();
        List<Map.Entry<String, String>> heardOn1 = new CopyOnWriteArrayList<>();
        node2.listen((k, v) -> heardOn2.add(new SimpleEntry<>(k, v)));
        node1.listen((k, v) -> heardOn1.add(new SimpleEntry<>(k, v)));
        try {
            node1.put("heard", "v1", LONG);
            node1.remove("heard", "v1");
            // REPL_SYNC: the write returns once every member applied it, and listeners are synchronous
            List<Map.Entry<String, String>> expected = List.of(new SimpleEntry<>("heard", "v1"), new SimpleEntry<>("heard", null));
            assertEquals(expected, heardOn2, "the other node");
            assertEquals(expected, heardOn1, "the writing node itself");
        } finally {
            node1.close();
            node2.close();
        }
    }

    @Test
    void putIfAbsentRacingOnBothNodesHasOneWinner() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            for (int round = 0; round < 5; round++) {
                String key = "marker-" + round;
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Boolean>> results = new ArrayList<>();
                for (int i = 0; i < 16; i++) {
                    InfinispanSharedMap node = i % 2 == 0 ? node1 : node2;
                    String value = "racer" + i;
                    results.add(pool.submit(() -> {
                        start.await();
                        return node.putIfAbsent(key, value, LONG);
                    }));
                }
                start.countDown();
                int winners = 0;
                for (Future<Boolean> result : results) {
                    winners += result.get() ? 1 : 0;
                }
                assertEquals(1, winners, key);
                assertEquals(node1.get(key), node2.get(key));
                assertFalse(node2.putIfAbsent(key, "late", LONG));
            }
        } finally {
            pool.shutdownNow();
        }
    }
    /**
     * The cluster's fetch marker when its writer dies: the other node takes it once its lifespan
     * is over, and not before (what a node killed mid-fetch costs the others).
     */
    @Test
    void aMarkerOfAMemberThatLeftIsTakenByTheOtherOnceItsLifespanIsOver() throws InterruptedException {
        Duration lease = Duration.ofMillis(1500);
        try (EmbeddedCaches own = EmbeddedCaches.cluster("tollgate-left-" + ProcessHandle.current().pid())) {
            InfinispanSharedMap writer = new InfinispanSharedMap(own.cache(0));
            InfinispanSharedMap survivor = new InfinispanSharedMap(own.cache(1));
            long written = System.nanoTime();
            assertTrue(writer.putIfAbsent("fetch-marker", "node1", lease));
            own.stop(0);
            boolean takenEarly = survivor.putIfAbsent("fetch-marker", "node2", lease);
            boolean withinLease = System.nanoTime() - written < lease.toNanos();
            assertTrue(!takenEarly || !withinLease, "the marker was taken while its lifespan ran");
            // Infinispan's own clock runs the lifespan; bounded wait as a safety net only
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            boolean taken = takenEarly;
            while (!taken && System.nanoTime() < deadline) {
                Thread.sleep(100);
                taken = survivor.putIfAbsent("fetch-marker", "node2", lease);
            }
            assertTrue(taken, "the survivor never took the marker of the member that left");
            assertEquals("node2", survivor.get("fetch-marker"));
        }
    }
}
