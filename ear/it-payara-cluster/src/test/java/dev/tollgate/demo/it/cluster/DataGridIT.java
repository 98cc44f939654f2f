package dev.tollgate.demo.it.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tollgate.api.ClientRef;
import dev.tollgate.api.TollgateConfigException;
import dev.tollgate.api.TollgateException;
import dev.tollgate.cluster.hazelcast.HazelcastMapProvider;
import dev.tollgate.demo.it.datagrid.DataGridApplication;
import dev.tollgate.demo.it.datagrid.DataGridResource;
import dev.tollgate.engine.cluster.SharedMap;
import dev.tollgate.engine.cluster.SharedMapProvider;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Payara's two nodes (two domains, ear/it-payara-cluster) share one Hazelcast cluster, and
 * Tollgate's Hazelcast shared map, found as the engine finds it (ServiceLoader, JNDI
 * payara/Hazelcast, the server's Config), reads and writes it: what node 1 writes node 2 reads,
 * hears and may compare-remove, and of two nodes taking one marker one wins. The cluster tests
 * proper (ClusterCacheIT, NodeKilledIT) then show what the engine makes of it; this class runs
 * between them (alphabetical order), while both nodes are up.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DataGridIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @Deployment(name = "grid-node1", testable = false)
    @TargetsContainer("node1")
    static WebArchive node1() {
        return war();
    }

    @Deployment(name = "grid-node2", testable = false)
    @TargetsContainer("node2")
    static WebArchive node2() {
        return war();
    }

    /** The Hazelcast shared map and the engine's contract it implements, nothing else of Tollgate. */
    private static WebArchive war() {
        return ShrinkWrap.create(WebArchive.class, "grid-it.war")
                .addClasses(DataGridResource.class, DataGridApplication.class)
                .addPackage(HazelcastMapProvider.class.getPackage())
                .addClasses(SharedMap.class, SharedMapProvider.class, TollgateConfigException.class,
                        TollgateException.class, ClientRef.class)
                .addAsResource(new StringAsset(HazelcastMapProvider.class.getName() + "\n"),
                        "META-INF/services/" + SharedMapProvider.class.getName())
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
    }

    @Test
    void theTwoNodesAreMembersOfOneHazelcastCluster() {
        for (String node : List.of("node1", "node2")) {
            String description = send(node, "GET", "describe", null).body();
            assertTrue(description.startsWith("Hazelcast map 'tollgate-credentials'"), node + ": " + description);
            assertTrue(description.contains("[127.0.0.1]:4900") && description.contains("[127.0.0.1]:9149"),
                    node + " sees both Data Grids: " + description);
        }
    }

    @Test
    void whatNode1WritesNode2ReadsAndMayCompareRemove() {
        String key = "grid-it." + UUID.randomUUID();
        assertEquals(404, send("node2", "GET", "entries/" + key, null).statusCode());
        assertEquals(204, send("node1", "PUT", "entries/" + key, "sealed-1").statusCode());
        assertEquals("sealed-1", send("node2", "GET", "entries/" + key, null).body());

        assertEquals("kept", send("node2", "DELETE", "entries/" + key + "?expected=sealed-0", null).body());
        assertEquals("sealed-1", send("node1", "GET", "entries/" + key, null).body());
        assertEquals("removed", send("node2", "DELETE", "entries/" + key + "?expected=sealed-1", null).body());
        assertEquals(404, send("node1", "GET", "entries/" + key, null).statusCode());
    }

    @Test
    void ofTwoNodesTakingOneMarkerTheFirstWinsAndTheOtherSeesItsValue() {
        String key = "grid-it.fetching." + UUID.randomUUID();
        assertEquals("won", send("node1", "POST", "markers/" + key, "node1").body());
        assertEquals("lost", send("node2", "POST", "markers/" + key, "node2").body());
        assertEquals("node1", send("node2", "GET", "entries/" + key, null).body());
    }

    @Test
    void node2HearsWhatNode1WritesAndRemoves() throws InterruptedException {
        String key = "grid-it.heard." + UUID.randomUUID();
        assertEquals(204, send("node2", "POST", "listen", "").statusCode());
        send("node1", "PUT", "entries/" + key, "sealed-1");
        send("node1", "DELETE", "entries/" + key + "?expected=sealed-1", null);
        String expected = key + "=sealed-1\n" + key + "=null";
        // events come on Hazelcast's threads: a bounded wait, a safety net only
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String heard = "";
        while (System.nanoTime() < deadline) {
            heard = send("node2", "GET", "heard", null).body();
            if (heard.contains(expected)) {
                return;
            }
            Thread.sleep(100);
        }
        fail("node2 heard " + heard + ", not " + expected);
    }

    private static HttpResponse<String> send(String node, String method, String path, String body) {
        URI uri = ServerNodes.current().url(node).resolve("/grid-it/map/" + path);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "text/plain")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(node + " did not answer " + method + " " + uri + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
