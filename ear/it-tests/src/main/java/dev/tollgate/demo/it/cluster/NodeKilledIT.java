package dev.tollgate.demo.it.cluster;

import static dev.tollgate.demo.it.cluster.ClusterCacheIT.assertOk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.demo.it.cluster.NodeCalls.Answer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Case 4: node 1 dies (kill -9) while it holds the cluster's fetch marker, its token request held
 * at the vendor: node 2's call succeeds once the marker's lease ({@code tollgate.cache.fetch-lease})
 * is over, with one token request of its own, and fails at no point.
 *
 * <p>Node 1 does not come back: this class runs after the others (the server module runs the
 * cluster tests in alphabetical order), and node 1's deployment is deployed by the test and not by
 * Arquillian, so that nothing tries to undeploy it from a dead server.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class NodeKilledIT {

    private static final ServerNodes NODES = ServerNodes.current();
    private static final NodeCalls CALLS = new NodeCalls(NODES);
    private static ClusterVendor vendor;

    @ArquillianResource
    Deployer deployer;

    @Deployment(name = "killed", testable = false, managed = false)
    @TargetsContainer("node1")
    static EnterpriseArchive node1() {
        return ClusterEar.ear();
    }

    @Deployment(name = "survivor", testable = false)
    @TargetsContainer("node2")
    static EnterpriseArchive node2() {
        return ClusterEar.ear();
    }

    @BeforeAll
    static void startVendor() {
        vendor = ClusterVendor.start();
    }

    @AfterAll
    static void stopVendor() {
        vendor.close();
    }

    @Test
    void node2FetchesWithinTheLeaseWhenNode1DiesHoldingTheFetchMarker() throws Exception {
        deployer.deploy("killed");
        // each node's first fetch warms its engine and HTTP client, with a client of its own: on node1 the
        // marker is taken just before the token request, and a cold first fetch could put a second
        // between the two; a cold node2 that ignored the marker could fetch late enough to pass for one that waited
        vendor.serve("lifetimes", Duration.ofMinutes(5), false);
        assertOk(CALLS.call("node1", "lifetimes"));
        vendor.serve("burst", Duration.ofMinutes(5), false);
        assertOk(CALLS.call("node2", "burst"));
        RecordingVendor failover = vendor.serve("failover", Duration.ofMinutes(5), false);
        CountDownLatch release = new CountDownLatch(1);
        failover.simulator().faults().hold(release);
        try {
            CompletableFuture<Answer> onNode1 = CALLS.send("node1", "failover");
            // node1 took the marker and its token request is at the vendor, unanswered
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (failover.simulator().tokenRequests() == 0 && System.nanoTime() < deadline && !onNode1.isDone()) {
                Thread.sleep(50);
            }
            assertEquals(1, failover.simulator().tokenRequests(), "node1's token request reached the vendor: "
                    + (onNode1.isDone() ? onNode1.get() : "still waiting"));

            // node2 is asked before node1 dies: killing a server can take seconds on a loaded machine,
            // and node2 must be asked while node1's marker still holds to show that it waits for it
            long start = System.nanoTime();
            CompletableFuture<Answer> onNode2Sent = CALLS.send("node2", "failover");
            CompletableFuture<Long> answeredAt = onNode2Sent.thenApply(answer -> System.nanoTime());
            ProcessHandle node1 = ProcessHandle.of(NODES.pid("node1")).orElseThrow();
            assertTrue(node1.destroyForcibly(), "kill -9 node1");
            node1.onExit().get(60, TimeUnit.SECONDS);
            long died = System.nanoTime();

            Answer onNode2 = onNode2Sent.get(90, TimeUnit.SECONDS);
            Duration took = Duration.ofNanos(answeredAt.get() - start);
            assertOk(onNode2);
            // the lease and one token request, with room for a loaded machine; never the call's own timeout
            Duration bound = ClusterFixture.fetchLease().plusSeconds(10);
            assertTrue(took.compareTo(bound) <= 0, "node2's call took " + took + ", more than the lease and one fetch");
            assertEquals(2, failover.simulator().tokenRequests(), "node1's held one and node2's own");
            // node2 fetched only once node1's marker had lapsed: the marker is taken just before node1's
            // token request, and lives for the lease (a second's allowance for the two clocks' reading)
            List<Long> arrivals = failover.tokenRequestArrivals();
            Duration diedAfter = Duration.ofNanos(died - arrivals.get(0));
            assertTrue(diedAfter.compareTo(ClusterFixture.fetchLease().minusSeconds(1)) < 0, "node1 died " + diedAfter
                    + " after its token request: its marker had (nearly) lapsed, so this case did not show a death holding it");
            // which only tells if node2 was asked while the marker still held: a node2 asked later
            // could ignore the marker and still pass the check below
            Duration askedAfter = Duration.ofNanos(start - arrivals.get(0));
            assertTrue(askedAfter.compareTo(ClusterFixture.fetchLease().minusSeconds(1)) < 0, "node2 was asked " + askedAfter
                    + " after node1's token request: too late to show that it waited for the marker");
            Duration apart = Duration.ofNanos(arrivals.get(1) - arrivals.get(0));
            assertTrue(apart.compareTo(ClusterFixture.fetchLease().minusSeconds(1)) >= 0,
                    "node2 fetched " + apart + " after node1 took the marker, before the lease was over");
            assertEquals(1, failover.tokensIssued(), "only node2's was answered");
            assertEquals(List.of(new RecordingVendor.ApiCall("node2", failover.issuedAccessTokens().get(0), 200)),
                    failover.apiCalls());
        } finally {
            release.countDown();
        }
    }
}
