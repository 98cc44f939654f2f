package dev.tollgate.demo.it.cluster;

import static org.junit.jupiter.api.Assertions.assertAll;
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
import java.util.function.BooleanSupplier;
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
    private static RecordingVendor receivedVendor;

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
        // the last call may have started a background refresh: its answer is awaited before counting
        // (a token request refused, answered without a token, never gets there)
        until("every token request answered with a token", () -> lifetimes.simulator().tokenRequests() == lifetimes.tokensIssued());

        // one node alone renews once per served stretch; two nodes sharing nothing make twice as many
        long allowed = elapsed.toMillis() / served.toMillis() + 2;
        int issued = lifetimes.tokensIssued();
        assertTrue(issued >= 2, "the run spans more than two lifetimes, so the token was renewed: " + issued);
        assertTrue(issued <= allowed, issued + " token requests over " + elapsed + " (" + calls
                + " calls on two nodes); one node alone would make at most " + allowed);
        assertEquals(0, lifetimes.simulator().reusedRefreshTokens(), "a rotated refresh token was presented twice");
        Set<String> usedBy1 = tokensUsedBy(lifetimes, "node1");
        Set<String> usedBy2 = tokensUsedBy(lifetimes, "node2");
        assertTrue(lifetimes.issuedAccessTokens().containsAll(usedBy1) && lifetimes.issuedAccessTokens().containsAll(usedBy2));
        assertTrue(lifetimes.apiCalls().stream().allMatch(c -> c.status() == 200), lifetimes.apiCalls().toString());

        // what each node's operator sees: its own token requests add up to the vendor's count, and
        // node2, which fetched nothing at first, counted what it took from the cluster
        // (awaited: a node counts its token request once answered, and a late background refresh may add one)
        until("node1's and node2's own counts of token requests add up to the vendor's", () ->
                Long.parseLong(CALLS.observations("node1", "lifetimes").get("token-requests"))
                        + Long.parseLong(CALLS.observations("node2", "lifetimes").get("token-requests"))
                        == lifetimes.tokensIssued());
        Map<String, String> on1 = CALLS.observations("node1", "lifetimes");
        Map<String, String> on2 = CALLS.observations("node2", "lifetimes");
        assertTrue(Long.parseLong(on2.get("adopted")) >= 1, "node2 counted node1's first token as taken from the cluster: " + on2);
        assertEquals("cluster", on1.get("cache"));
        assertEquals("cluster", on2.get("cache"));
    }

    /** Case 2: 64 callers, half on each node, on an expired token. */
    @Test
    void sixtyFourCallersOnBothNodesOnAnExpiredTokenMakeOneTokenRequest() throws Exception {
        // long enough that node2's first call (perhaps its engine's first) finds node1's token valid,
        // and that the 64 callers finish before the renewed one is stale (a background refresh)
        Duration lifetime = Duration.ofSeconds(10);
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

        assertEquals("1", CALLS.observations("node2", "revoked").get("cached"), "node2 holds node1's token");
        revoked.simulator().revoke(first);
        int before = revoked.apiCalls().size();
        Answer onNode1 = CALLS.call("node1", "revoked");
        List<ApiCall> fromNode1 = List.copyOf(revoked.apiCalls().subList(before, revoked.apiCalls().size()));
        int afterNode1 = revoked.apiCalls().size();
        // node2 hears of it through its cache's listener, which Hazelcast calls on threads of its own:
        // node2 is asked once it has dropped its copy (a node2 that never drops it fails here)
        until("node2 dropped the token node1 was refused", () -> CALLS.observations("node2", "revoked").get("cached").equals("0"));
        Answer onNode2 = CALLS.call("node2", "revoked");
        Answer onNode2Again = CALLS.call("node2", "revoked");
        List<ApiCall> fromNode2 = revoked.apiCalls().subList(afterNode1, revoked.apiCalls().size());
        String second = revoked.issuedAccessTokens().size() > 1 ? revoked.issuedAccessTokens().get(1) : "(none issued)";

        // each part on its own, so that a failure of one does not hide the others
        assertAll(
                () -> assertOk(onNode1),
                () -> assertEquals(List.of(new ApiCall("node1", first, 401), new ApiCall("node1", second, 200)), fromNode1,
                        "node1's call: refused with the revoked token, then repeated with a new one"),
                () -> assertEquals(2, revoked.tokensIssued(), "one new token, fetched by node1"),
                () -> assertOk(onNode2),
                () -> assertOk(onNode2Again),
                () -> assertEquals(List.of(new ApiCall("node2", second, 200), new ApiCall("node2", second, 200)), fromNode2,
                        "node2 sends the token node1 got instead of the dropped one"),
                () -> assertEquals(2, revoked.simulator().tokenRequests(), "node2 made no token request of its own"));
    }

    /**
     * Case 5: a node that only received the shared credential (it never called the API with it)
     * holds no token the vendor issued in its heap: what travels between the nodes is sealed.
     *
     * <p>Two checks keep the empty finding honest. The dump is node2's, whole and readable by the
     * scan: it shows the client secret, which every configured node holds from deployment on
     * (with a wrong process, an empty dump or a scan that reads nothing, that would be missing).
     * And node2 had received the credential: its first call after the dump uses node1's token
     * without a token request (with the cluster tier off it would have had nothing to hide).
     */
    @Test
    void aNodeThatOnlyReceivedTheCredentialHoldsNoTokenOfItInItsHeap() throws Exception {
        RecordingVendor received = receivedOnNode1();
        assertTrue(received.apiCalls().stream().allMatch(c -> "node1".equals(c.node())), "node2 never called before the dump");
        Map<String, String> tokens = new LinkedHashMap<>();
        List<String> issued = received.issuedTokens();
        for (int i = 0; i < issued.size(); i++) {
            tokens.put("token #" + (i + 1) + " issued to 'received'", issued.get(i));
        }
        assertTrue(issued.size() >= 2, "an access token and a refresh token: " + issued.size());
        // a value every configured node holds (the client id, a plain configuration value); not the
        // client secret: whether a server keeps a resolved secret in memory is the server's matter
        // (Payara's config cache does, and cluster.sh turns it off)
        String control = "the client id of 'received' (configuration every node holds)";
        Map<String, String> values = new LinkedHashMap<>(tokens);
        values.put(control, ClusterFixture.clientId("received"));

        Set<String> found = inHeapOfNode2(values);

        assertTrue(found.contains(control), "the scan finds what node2 is known to hold, so the dump is node2's"
                + " and readable: " + found);
        found.remove(control);
        assertEquals(Set.of(), found, "in the heap dump of node2, which only received the credential");
        int before = received.apiCalls().size();
        assertOk(CALLS.call("node2", "received"));
        assertEquals(1, received.tokensIssued(), "node2's call made no token request: it had received the credential");
        assertEquals(List.of(new ApiCall("node2", received.issuedAccessTokens().get(0), 200)),
                received.apiCalls().subList(before, received.apiCalls().size()), "node2 sent node1's token");
    }

    /** Case 5, the logs: no secret configured for the cluster's clients, nor any token issued so far, in either node's log. */
    @Test
    void neitherNodesLogHoldsASecretOrAToken() throws Exception {
        RecordingVendor received = receivedOnNode1();
        Map<String, String> secrets = new LinkedHashMap<>();
        for (String client : List.of("lifetimes", "burst", "revoked", "failover", "received")) {
            secrets.put("the client secret of '" + client + "'", ClusterFixture.clientSecret(client));
        }
        List<String> issued = received.issuedTokens();
        for (int i = 0; i < issued.size(); i++) {
            secrets.put("token #" + (i + 1) + " issued to 'received'", issued.get(i));
        }
        List<Path> logs = new ArrayList<>(NODES.logs("node1"));
        logs.addAll(NODES.logs("node2"));
        for (Path log : logs) {
            assertTrue(Files.size(log) > 0, "the node's log is where it should be: " + log);
        }
        assertEquals(Set.of(), HeapScan.find(logs, secrets), "in the nodes' logs (Tollgate at FINEST)");
        // and the scan reads what Tollgate writes there: node1's engine (started by its calls
        // above) said it joined the cluster (node2's may start later, so only node1's is asked)
        String joined = "Tollgate shares credentials with the other servers of the cluster";
        assertEquals(Set.of("the cluster tier's start"), HeapScan.find(NODES.logs("node1").get(0),
                Map.of("the cluster tier's start", joined)), "node1's log holds Tollgate's own lines");
    }

    /** The 'received' client's credential, fetched and first used by node1 (once per test class). */
    private static synchronized RecordingVendor receivedOnNode1() {
        if (receivedVendor == null) {
            receivedVendor = vendor.serve("received", Duration.ofMinutes(5), true);
            assertOk(CALLS.call("node1", "received"));
            assertOk(CALLS.call("node1", "received"));
            assertEquals(1, receivedVendor.tokensIssued());
        }
        return receivedVendor;
    }

    private static Set<String> inHeapOfNode2(Map<String, String> values) throws Exception {
        Path dump = HeapDumps.dump(NODES.pid("node2"));
        try {
            return HeapScan.find(dump, values);
        } finally {
            Files.deleteIfExists(dump);
        }
    }

    /** What the nodes do on their own threads, awaited (30 s at most, a safety net and no timing). */
    static void until(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "not within 30 s: " + what);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
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
