package dev.tollgate.demo.it.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.demo.it.cluster.NodeCalls.Answer;
import dev.tollgate.demo.it.cluster.RecordingVendor.ApiCall;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two real nodes of one cluster, {@code tollgate.cache=cluster}, and one vendor both call
 * ({@link ClusterVendor}, in the test JVM): the cluster makes one token request where one node
 * would, and a token dropped on one node is dropped on the other. Each case has a Tollgate client
 * of its own (cluster.properties), hence its own key, vendor registration and counts. The tokens
 * live on the servers' clocks, which a test cannot move: the cases that need a token to age wait
 * for it, a few seconds.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ClusterCacheIT {

    private static final ServerNodes NODES = ServerNodes.current();
    private static final NodeCalls CALLS = new NodeCalls(NODES);
    private static ClusterVendor vendor;

    @Deployment(name = "node1", testable = false)
    @TargetsContainer("node1")
    static EnterpriseArchive node1() {
        return ClusterEar.ear();
    }

    @Deployment(name = "node2", testable = false)
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

    /** Case 1: calls spread over both nodes across more than two token lifetimes. */
    @Test
    void theClusterMakesOneTokenRequestPerTokenLifetime() throws InterruptedException {
        Duration lifetime = Duration.ofSeconds(6);
        RecordingVendor lifetimes = vendor.serve("lifetimes", lifetime, true);
        // a token is renewed refresh-before ahead of its expiry: that is how long each one serves
        Duration served = lifetime.minus(ClusterFixture.refreshBefore("lifetimes"));

        assertOk(CALLS.call("node1", "lifetimes"));
        assertOk(CALLS.call("node2", "lifetimes"));
        assertEquals(1, lifetimes.tokensIssued(), "node2's first call used node1's token");

        long start = System.nanoTime();
        Duration run = lifetime.multipliedBy(5).dividedBy(2);
        int calls = 0;
        while (System.nanoTime() - start < run.toNanos()) {
            assertOk(CALLS.call(calls % 2 == 0 ? "node1" : "node2", "lifetimes"));
            calls++;
            Thread.sleep(200);
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        // one node alone renews once per served stretch; two nodes sharing nothing make twice as many
        long allowed = elapsed.toMillis() / served.toMillis() + 2;
        int issued = lifetimes.tokensIssued();
        assertTrue(issued >= 2, "the run spans more than two lifetimes, so the token was renewed: " + issued);
        assertTrue(issued <= allowed, issued + " token requests over " + elapsed + " (" + calls
                + " calls on two nodes); one node alone would make at most " + allowed);
        assertEquals(issued, lifetimes.simulator().tokenRequests(), "no token request was refused");
        assertEquals(0, lifetimes.simulator().reusedRefreshTokens(), "a rotated refresh token was presented twice");
        Set<String> usedBy1 = tokensUsedBy(lifetimes, "node1");
        Set<String> usedBy2 = tokensUsedBy(lifetimes, "node2");
        assertTrue(lifetimes.issuedAccessTokens().containsAll(usedBy1) && lifetimes.issuedAccessTokens().containsAll(usedBy2));
        assertTrue(lifetimes.apiCalls().stream().allMatch(c -> c.status() == 200), lifetimes.apiCalls().toString());
    }

    /** Case 2: 64 callers, half on each node, on an expired token. */
    @Test
    void sixtyFourCallersOnBothNodesOnAnExpiredTokenMakeOneTokenRequest() throws Exception {
        Duration lifetime = Duration.ofSeconds(4);
        RecordingVendor burst = vendor.serve("burst", lifetime, false);
        assertOk(CALLS.call("node1", "burst"));
        assertOk(CALLS.call("node2", "burst"));
        assertEquals(1, burst.tokensIssued());

        // the servers' clocks: wait until the token has expired on both nodes (nobody calls meanwhile,
        // so nothing renews it in the background)
        Thread.sleep(lifetime.plusSeconds(1).toMillis());

        List<CompletableFuture<Answer>> callers = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            callers.add(CALLS.send(i % 2 == 0 ? "node1" : "node2", "burst"));
        }
        for (CompletableFuture<Answer> caller : callers) {
            assertOk(caller.get(120, TimeUnit.SECONDS));
        }
        assertEquals(2, burst.tokensIssued(), "64 callers on two nodes after the expiry: one token request for the cluster");
        assertEquals(2, burst.simulator().tokenRequests(), "no other token request reached the vendor");
        String renewed = burst.issuedAccessTokens().get(1);
        assertEquals(Set.of(renewed), tokensUsedSince(burst, 2, null), "every caller got the one renewed token");
    }

    /** Case 3: the API answers node 1 with 401 (the token revoked): node 2 never sends the dropped token again. */
    @Test
    void aTokenTheApiRefusesOnNode1IsNeverSentAgainByNode2() {
        RecordingVendor revoked = vendor.serve("revoked", Duration.ofMinutes(5), false);
        assertOk(CALLS.call("node1", "revoked"));
        assertOk(CALLS.call("node2", "revoked"));
        assertEquals(1, revoked.tokensIssued());
        String first = revoked.issuedAccessTokens().get(0);
        assertEquals(Set.of(first), tokensUsedBy(revoked, "node2"), "node2 used node1's token");

        revoked.simulator().revoke(first);
        int before = revoked.apiCalls().size();
        assertOk(CALLS.call("node1", "revoked"));
        List<ApiCall> onNode1 = revoked.apiCalls().subList(before, revoked.apiCalls().size());
        assertEquals(List.of(401, 200), onNode1.stream().map(ApiCall::status).toList(),
                "node1's call: refused with the revoked token, then repeated with a new one: " + onNode1);
        assertEquals(2, revoked.tokensIssued());
        String second = revoked.issuedAccessTokens().get(1);

        int afterNode1 = revoked.apiCalls().size();
        assertOk(CALLS.call("node2", "revoked"));
        assertOk(CALLS.call("node2", "revoked"));
        List<ApiCall> onNode2 = revoked.apiCalls().subList(afterNode1, revoked.apiCalls().size());
        assertEquals(List.of(new ApiCall("node2", second, 200), new ApiCall("node2", second, 200)), onNode2,
                "node2 sends the token node1 got instead of the dropped one, without a token request of its own");
        assertEquals(2, revoked.simulator().tokenRequests());
    }

    /**
     * Case 5: a node that only received the shared credential (it never called the API with it)
     * holds neither the client's secret nor any token the vendor issued in its heap, and neither
     * node's log holds one.
     */
    @Test
    void aNodeThatOnlyReceivedTheCredentialHoldsNoSecretOfItInItsHeapAndNoLogHoldsOne() throws Exception {
        RecordingVendor received = vendor.serve("received", Duration.ofMinutes(5), true);
        assertOk(CALLS.call("node1", "received"));
        assertOk(CALLS.call("node1", "received"));
        assertEquals(1, received.tokensIssued());
        assertTrue(received.apiCalls().stream().allMatch(c -> "node1".equals(c.node())), "node2 never called");

        Map<String, String> secrets = new LinkedHashMap<>();
        secrets.put("the client secret of 'received'", ClusterFixture.clientSecret("received"));
        List<String> tokens = received.issuedTokens();
        for (int i = 0; i < tokens.size(); i++) {
            secrets.put("token #" + (i + 1) + " issued to 'received'", tokens.get(i));
        }
        Path dump = HeapDumps.dump(NODES.pid("node2"));
        try {
            assertEquals(Set.of(), HeapScan.find(dump, secrets), "in the heap dump of node2, which only received the credential");
        } finally {
            Files.deleteIfExists(dump);
        }

        // the logs of both nodes: every secret configured for the cluster's clients and every token issued so far
        Map<String, String> all = new LinkedHashMap<>(secrets);
        for (String client : List.of("lifetimes", "burst", "revoked", "received")) {
            all.put("the client secret of '" + client + "'", ClusterFixture.clientSecret(client));
        }
        List<Path> logs = new ArrayList<>(NODES.logs("node1"));
        logs.addAll(NODES.logs("node2"));
        for (Path log : logs) {
            assertTrue(Files.size(log) > 0, "the node's log is where it should be: " + log);
        }
        assertEquals(Set.of(), HeapScan.find(logs, all), "in the nodes' logs");
    }

    private static Set<String> tokensUsedBy(RecordingVendor vendor, String node) {
        return tokensUsedSince(vendor, 0, node);
    }

    /** Bearer tokens of the API calls from {@code node} (null: any), from the {@code from}-th call on. */
    private static Set<String> tokensUsedSince(RecordingVendor vendor, int from, String node) {
        List<ApiCall> calls = vendor.apiCalls();
        return calls.subList(from, calls.size()).stream().filter(c -> node == null || node.equals(c.node()))
                .map(ApiCall::bearer).collect(java.util.stream.Collectors.toCollection(java.util.LinkedHashSet::new));
    }

    static void assertOk(Answer answer) {
        assertTrue(answer.ok(), answer.node() + " answered " + answer.status() + ": " + answer.body());
        assertFalse(answer.body().contains("Bearer"), "the answer shows no token");
    }

}
