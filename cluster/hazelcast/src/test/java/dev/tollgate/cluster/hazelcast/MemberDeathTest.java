package dev.tollgate.cluster.hazelcast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
            // markers on keys of both members' partitions: those the writer owned must survive it on their backups
            List<String> keys = keysOwnedByEach(members, 4);
            for (String key : keys) {
                // long enough for the survivor to notice the death and promote its backups on a loaded machine
                assertTrue(writer.putIfAbsent(key, "member-0", Duration.ofSeconds(12)));
            }
            members.member(0).getLifecycleService().terminate(); // no goodbye, as kill -9

            for (String key : keys) {
                assertFalse(survivor.putIfAbsent(key, "member-1", Duration.ofMinutes(1)),
                        "marker " + key + " was lost with its writer: a second fetch would start at once");
                assertEquals("member-0", survivor.get(key));
            }
            Waits.until("every marker expired", () -> keys.stream().allMatch(key -> survivor.get(key) == null));
            assertTrue(survivor.putIfAbsent(keys.get(0), "member-1", Duration.ofMinutes(1)));
        }
    }

    /** {@code each} keys whose partition the first member owns, and {@code each} the second owns. */
    private static List<String> keysOwnedByEach(LoopbackMembers members, int each) {
        // Hazelcast assigns the partitions to members at the cluster's first operation, not before
        members.member(1).getMap("markers").get("first operation");
        Waits.until("every partition has an owner",
                () -> members.member(0).getPartitionService().getPartitions().stream().allMatch(p -> p.getOwner() != null));
        List<String> ownedByFirst = new ArrayList<>();
        List<String> ownedByOther = new ArrayList<>();
        for (int i = 0; ownedByFirst.size() < each || ownedByOther.size() < each; i++) {
            String key = "fetching/" + i;
            boolean first = members.member(0).getPartitionService().getPartition(key).getOwner().localMember();
            List<String> owner = first ? ownedByFirst : ownedByOther;
            if (owner.size() < each) {
                owner.add(key);
            }
        }
        List<String> keys = new ArrayList<>(ownedByFirst);
        keys.addAll(ownedByOther);
        return keys;
    }
}
