package dev.tollgate.cluster.hazelcast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.map.IMap;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shared map on two real Hazelcast members on 127.0.0.1, each test on a map of its own. */
class HazelcastSharedMapTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    private static LoopbackMembers members;

    @BeforeAll
    static void startTwoMembers() {
        members = LoopbackMembers.start(2);
    }

    @AfterAll
    static void stopThem() {
        members.close();
    }

    /** The same map seen from member 0 and from member 1. */
    private static HazelcastSharedMap[] sameMapOnBothMembers() {
        String name = "test-" + UUID.randomUUID();
        return new HazelcastSharedMap[] {
            new HazelcastSharedMap(members.member(0), name), new HazelcastSharedMap(members.member(1), name)};
    }

    @Test
    void aValuePutOnOneMemberIsReadOnTheOther() {
        HazelcastSharedMap[] map = sameMapOnBothMembers();
        map[0].put("taxjar/acme/api-token", "sealed-1", MINUTE);
        assertEquals("sealed-1", map[1].get("taxjar/acme/api-token"));
        map[1].put("taxjar/acme/api-token", "sealed-2", MINUTE);
        assertEquals("sealed-2", map[0].get("taxjar/acme/api-token"));
        assertNull(map[1].get("taxjar/other/api-token"));
    }

    @Test
    void anEntryIsGoneFromEveryMemberAfterItsLifespan() {
        HazelcastSharedMap[] map = sameMapOnBothMembers();
        map[0].put("k", "v", Duration.ofSeconds(3));
        assertEquals("v", map[1].get("k"));
        Waits.until("the entry expired on member 1", () -> map[1].get("k") == null);
        assertNull(map[0].get("k"));
    }

    @Test
    void ofPutIfAbsentsRacingOnBothMembersExactlyOneWinsAndEveryMemberReadsItsValue() throws Exception {
        HazelcastSharedMap[] map = sameMapOnBothMembers();
        int callers = 32;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<Boolean>> won = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                HazelcastSharedMap on = map[i % 2];
                String value = "marker-" + i;
                won.add(pool.submit(() -> {
                    go.await();
                    return on.putIfAbsent("fetching/billing", value, MINUTE);
                }));
            }
            go.countDown();
            List<Integer> winners = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                if (won.get(i).get(30, TimeUnit.SECONDS)) {
                    winners.add(i);
                }
            }
            assertEquals(1, winners.size(), "winners: " + winners);
            assertEquals("marker-" + winners.get(0), map[0].get("fetching/billing"));
            assertEquals("marker-" + winners.get(0), map[1].get("fetching/billing"));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void putIfAbsentLeavesAValueThatIsThere() {
        HazelcastSharedMap[] map = sameMapOnBothMembers();
        assertTrue(map[0].putIfAbsent("k", "first", MINUTE));
        assertFalse(map[1].putIfAbsent("k", "second", MINUTE));
        assertEquals("first", map[1].get("k"));
    }

    @Test
    void aPutIfAbsentMarkerExpiresAfterItsLifespanAndCanThenBeTakenAgain() {
        HazelcastSharedMap[] map = sameMapOnBothMembers();
        assertTrue(map[0].putIfAbsent("fetching", "node-0", Duration.ofSeconds(2)));
        Waits.until("the marker expired", () -> map[1].get("fetching") == null);
        assertTrue(map[1].putIfAbsent("fetching", "node-1", MINUTE));
        assertEquals("node-1", map[0].get("fetching"));
    }

    @Test
    void removeTakesTheEntryOnlyWhileItHoldsTheExpectedValue() {
        HazelcastSharedMap[] map = sameMapOnBothMembers();
        map[0].put("k", "token-a", MINUTE);
        assertFalse(map[1].remove("k", "token-old"), "another value is not removed");
        assertEquals("token-a", map[0].get("k"));
        assertTrue(map[1].remove("k", "token-a"));
        assertNull(map[0].get("k"));
        assertFalse(map[0].remove("k", "token-a"), "only one caller removes it");
    }

    @Test
    void aListenerHearsEveryMembersWritesWithTheirValuesAndGoneEntriesAsNull() throws Exception {
        HazelcastSharedMap[] map = sameMapOnBothMembers();
        BlockingQueue<Map.Entry<String, String>> heard = new LinkedBlockingQueue<>();
        map[0].listen((key, value) -> heard.add(new java.util.AbstractMap.SimpleEntry<>(key, value)));
        try {
            map[1].put("k", "v1", MINUTE);                    // added, on the other member
            map[0].put("k", "v2", MINUTE);                    // updated, on this one
            map[1].remove("k", "v2");                         // removed
            map[1].putIfAbsent("m", "marker", Duration.ofSeconds(1));
            // Hazelcast keeps the order of one key's events (one partition), not across keys
            Map<String, List<String>> byKey = new TreeMap<>();
            for (int i = 0; i < 5; i++) {   // the last, m's expiry, Hazelcast finds within its expiration task's period
                Map.Entry<String, String> event = next(heard);
                byKey.computeIfAbsent(event.getKey(), key -> new ArrayList<>()).add(event.getValue());
            }
            assertEquals(Map.of("k", Arrays.asList("v1", "v2", null), "m", Arrays.asList("marker", null)),
                    byKey, "each key's events in order, a gone entry as null");
        } finally {
            map[0].close();
        }
    }

    @Test
    void aClosedMapHearsNothingMore() throws Exception {
        HazelcastSharedMap[] map = sameMapOnBothMembers();
        BlockingQueue<String> closedOne = new LinkedBlockingQueue<>();
        BlockingQueue<String> openOne = new LinkedBlockingQueue<>();
        map[0].listen((key, value) -> closedOne.add(key));
        HazelcastSharedMap stillOpen = new HazelcastSharedMap(members.member(0), mapName(map[0]));
        stillOpen.listen((key, value) -> openOne.add(key));
        try {
            map[1].put("before", "v", MINUTE);
            assertEquals("before", closedOne.poll(30, TimeUnit.SECONDS));
            map[0].close();
            map[1].put("after", "v", MINUTE);
            // two keys: Hazelcast may tell them in either order
            List<String> heard = Arrays.asList(openOne.poll(30, TimeUnit.SECONDS), openOne.poll(30, TimeUnit.SECONDS));
            assertEquals(Set.of("before", "after"), new HashSet<>(heard), "heard: " + heard);
            assertNull(closedOne.poll(), "the closed map's listener heard a write after close");
            assertThrows(IllegalStateException.class, () -> map[0].listen((key, value) -> { }));
            assertEquals("v", map[0].get("after"), "closing stops listening only; the map stays");
        } finally {
            stillOpen.close();
        }
    }

    /** A map an administrator shares with something else: its other entries are not Tollgate's. */
    @Test
    void entriesOfOtherTypesAreNotTollgatesAndFailNoRead() throws Exception {
        HazelcastSharedMap[] map = sameMapOnBothMembers();
        BlockingQueue<String> heard = new LinkedBlockingQueue<>();
        map[0].listen((key, value) -> heard.add(key + "=" + value));
        try {
            IMap<Object, Object> raw = members.member(1).getMap(mapName(map[0]));
            raw.set("counter", 42);
            raw.set(7, "seven");
            raw.delete("counter");
            map[1].put("k", "v", MINUTE);
            assertNull(map[0].get("counter"));
            raw.set("counter", 43);
            assertNull(map[0].get("counter"), "an Integer is no value of Tollgate's");
            // every event up to Tollgate's own write: none with another type's value (a removal
            // Hazelcast sends without the old value may be told as gone, which drops nothing)
            List<String> before = new ArrayList<>();
            for (String event = heard.poll(Waits.SAFETY_NET.toSeconds(), TimeUnit.SECONDS); !"k=v".equals(event);
                    event = heard.poll(Waits.SAFETY_NET.toSeconds(), TimeUnit.SECONDS)) {
                assertNotNull(event, "Tollgate's own write was not told after " + before);
                before.add(event);
            }
            assertTrue(before.stream().allMatch("counter=null"::equals), "told: " + before);
        } finally {
            map[0].close();
        }
    }

    @Test
    void aLifespanMustBePositiveAndNoneIsTakenForEver() {
        HazelcastSharedMap[] map = sameMapOnBothMembers();
        // Hazelcast reads 0 as "never expires": refused rather than kept for ever
        assertThrows(IllegalArgumentException.class, () -> map[0].put("k", "v", Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> map[0].putIfAbsent("k", "v", Duration.ofSeconds(-1)));
        assertNull(map[1].get("k"));
        assertEquals(1, HazelcastSharedMap.millis(Duration.ofNanos(1)), "under a millisecond is not 0 (for ever)");
        // a lifespan too long for Hazelcast's milliseconds is kept, not overflowed into the past
        map[0].put("long", "v", Duration.ofSeconds(Long.MAX_VALUE));
        assertTrue(map[1].putIfAbsent("long2", "v", Duration.ofDays(365 * 1000)));
        assertEquals("v", map[1].get("long"));
        assertEquals("v", map[0].get("long2"));
    }

    @Test
    void describeNamesTheEngineTheMapAndBothMembersAndNoValue() {
        HazelcastSharedMap[] map = sameMapOnBothMembers();
        map[0].put("k", "sealed-value", MINUTE);
        String description = map[1].describe();
        assertTrue(description.startsWith("Hazelcast map '" + mapName(map[0]) + "'"), description);
        assertEquals(2, description.split("\\[127\\.0\\.0\\.1\\]:").length - 1, description);
        assertFalse(description.contains("sealed-value"), description);
    }

    private static String mapName(HazelcastSharedMap map) {
        String description = map.describe();
        return description.substring("Hazelcast map '".length(), description.indexOf("' of cluster"));
    }

    private static Map.Entry<String, String> next(BlockingQueue<Map.Entry<String, String>> heard)
            throws InterruptedException {
        Map.Entry<String, String> event = heard.poll(Waits.SAFETY_NET.toSeconds(), TimeUnit.SECONDS);
        assertNotNull(event, "no event within " + Waits.SAFETY_NET);
        return event;
    }
}
