package dev.tollgate.cluster.hazelcast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A node that dies while it holds the fetch marker: the others do not fetch while the marker
 * lives (Hazelcast's backup keeps it), and may once it has expired, so the dead node delays them
 * by at most the marker's lifespan.
 */
class MemberDeathTest {

    @Test
    void aMarkerOutlivesTheMemberThatWroteItAndExpiresOnTheOthers() {
        try (LoopbackMembers members = LoopbackMembers.start(2)) {
            HazelcastSharedMap writer = new HazelcastSharedMap(members.member(0), "markers");
            HazelcastSharedMap survivor = new HazelcastSharedMap(members.member(1), "markers");
            // a marker for each of several keys, so that both members own some of them
            for (int i = 0; i < 8; i++) {
                // long enough for the survivor to notice the death and promote its backups on a loaded machine
                assertTrue(writer.putIfAbsent("fetching/" + i, "member-0", Duration.ofSeconds(12)));
            }
            members.member(0).getLifecycleService().terminate(); // no goodbye, as kill -9

            for (int i = 0; i < 8; i++) {
                assertFalse(survivor.putIfAbsent("fetching/" + i, "member-1", Duration.ofMinutes(1)),
                        "marker " + i + " was lost with its writer: a second fetch would start at once");
                assertEquals("member-0", survivor.get("fetching/" + i));
            }
            Waits.until("every marker expired", () -> {
                for (int i = 0; i < 8; i++) {
                    if (survivor.get("fetching/" + i) != null) {
                        return false;
                    }
                }
                return true;
            });
            assertTrue(survivor.putIfAbsent("fetching/0", "member-1", Duration.ofMinutes(1)));
        }
    }
}
