package dev.tollgate.cluster.infinispan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The shared map on a real embedded Infinispan local cache. */
class InfinispanSharedMapTest {

    private static final Duration LONG = Duration.ofMinutes(5);

    private EmbeddedCaches caches;
    private InfinispanSharedMap map;
    private final List<Map.Entry<String, String>> heard = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        caches = EmbeddedCaches.local();
        map = new InfinispanSharedMap(caches.cache(0));
    }

    @AfterEach
    void stop() {
        map.close();
        caches.close();
    }

    @Test
    void putIsReadBackAndReplaced() {
        assertNull(map.get("k"));
        map.put("k", "v1", LONG);
        assertEquals("v1", map.get("k"));
        map.put("k", "v2", LONG);
        assertEquals("v2", map.get("k"));
    }

    @Test
    void putIfAbsentWritesOnlyIntoAnEmptyKey() {
        assertTrue(map.putIfAbsent("marker", "node1", LONG));
        assertFalse(map.putIfAbsent("marker", "node2", LONG));
        assertEquals("node1", map.get("marker"));
    }

    @Test
    void ofSixteenRacingPutIfAbsentOneWins() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Callable<Boolean>> racers = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String value = "racer" + i;
                racers.add(() -> {
                    start.await();
                    return map.putIfAbsent("marker", value, LONG);
                });
            }
            List<Future<Boolean>> results = new ArrayList<>();
            racers.forEach(r -> results.add(pool.submit(r)));
            start.countDown();
            int winners = 0;
            for (Future<Boolean> result : results) {
                winners += result.get() ? 1 : 0;
            }
            assertEquals(1, winners);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void removeTakesOnlyTheExpectedValue() {
        map.put("k", "fresh", LONG);
        assertFalse(map.remove("k", "stale"), "another value is there");
        assertEquals("fresh", map.get("k"));
        assertTrue(map.remove("k", "fresh"));
        assertNull(map.get("k"));
        assertFalse(map.remove("k", "fresh"), "nothing left to remove");
    }

    @Test
    void anEntryIsGoneAfterItsLifespanAndTheListenerHearsIt() throws InterruptedException {
        map.listen((k, v) -> heard.add(new SimpleEntry<>(k, v)));
        map.put("short", "v", Duration.ofMillis(200));
        map.put("long", "v", LONG);
        // the lifespan runs on Infinispan's own clock; bounded wait as a safety net only
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (map.get("short") != null && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertNull(map.get("short"));
        assertEquals("v", map.get("long"));
        assertEquals(new SimpleEntry<>("short", null), heard.get(heard.size() - 1), heard.toString());
    }

    @Test
    void theListenerHearsEachWriteOnceWithItsNewValue() {
        map.listen((k, v) -> heard.add(new SimpleEntry<>(k, v)));
        map.put("k", "v1", LONG);
        map.put("k", "v2", LONG);
        map.putIfAbsent("k", "ignored", LONG);
        map.remove("k", "v2");
        assertEquals(List.of(new SimpleEntry<>("k", "v1"), new SimpleEntry<>("k", "v2"), new SimpleEntry<>("k", null)),
                heard);
    }

    @Test
    void afterCloseTheListenerHearsNothing() {
        map.listen((k, v) -> heard.add(new SimpleEntry<>(k, v)));
        map.put("k", "v1", LONG);
        map.close();
        map.put("k", "v2", LONG);
        assertEquals(List.of(new SimpleEntry<>("k", "v1")), heard);
        assertEquals("v2", map.get("k"), "close stops listening only: the map stays");
    }

    @Test
    void aFailingListenerDoesNotFailTheWrite() {
        map.listen((k, v) -> {
            throw new IllegalStateException("listener bug");
        });
        map.put("k", "v", LONG);
        assertEquals("v", map.get("k"));
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void entriesOfOtherTypesInTheSameCacheAreNotTollgatesAndFailNoWrite() {
        map.listen((k, v) -> heard.add(new SimpleEntry<>(k, v)));
        org.infinispan.Cache<Object, Object> shared = (org.infinispan.Cache) caches.cache(0);
        shared.put("someone-else", 42);
        shared.put(7, "seven");
        map.put("k", "v", LONG);
        assertEquals(42, shared.get("someone-else"));
        assertEquals(List.of(new SimpleEntry<>("k", "v")), heard, "only Tollgate's String entries are told");
    }

    @Test
    void aLifespanOfZeroOrLessIsRefusedNotKeptForEver() {
        assertThrows(IllegalArgumentException.class, () -> map.put("k", "v", Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> map.putIfAbsent("k", "v", Duration.ofSeconds(-1)));
        assertNull(map.get("k"));
    }

    @Test
    void describeNamesTheCacheAndItsContainer() {
        String description = map.describe();
        assertTrue(description.contains("credentials") && description.contains("tollgate"), description);
    }
}
