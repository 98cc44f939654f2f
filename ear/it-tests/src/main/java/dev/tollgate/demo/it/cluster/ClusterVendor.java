package dev.tollgate.demo.it.cluster;

import com.sun.net.httpserver.HttpServer;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.glassfish.jersey.jdkhttp.JdkHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;

/**
 * The vendor both nodes call, in the test JVM on {@code 127.0.0.1:8391}: one
 * {@link RecordingVendor} per case under {@code /<client>/oauth2/} ({@code token},
 * {@code api/resource}). Outside the servers, so that it counts the whole cluster, survives a
 * node killed mid-request, and holds no token in a node's heap; on a fixed port, because the
 * nodes' configuration (cluster.properties) is written before the tests start.
 */
public final class ClusterVendor implements AutoCloseable {

    private final Map<String, RecordingVendor> vendors = new ConcurrentHashMap<>();
    private final HttpServer server;

    private ClusterVendor() {
        ResourceConfig config = new ResourceConfig().property("jersey.config.server.wadl.disableWadl", true)
                .register(new Root(vendors));
        server = JdkHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:" + ClusterFixture.VENDOR_PORT + "/"), config);
    }

    static ClusterVendor start() {
        return new ClusterVendor();
    }

    /** Registers the vendor of Tollgate client {@code client} (its id and secret from cluster.properties). */
    RecordingVendor serve(String client, Duration tokenLifetime, boolean refreshTokens) {
        RecordingVendor vendor = new RecordingVendor(ClusterFixture.clientId(client), ClusterFixture.clientSecret(client),
                tokenLifetime, refreshTokens);
        vendors.put(client, vendor);
        return vendor;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** Routes {@code /<client>/oauth2/...} to that client's vendor. */
    @Path("/")
    public static final class Root {

        private final Map<String, RecordingVendor> vendors;

        Root(Map<String, RecordingVendor> vendors) {
            this.vendors = vendors;
        }

        @Path("{client}/oauth2")
        public RecordingVendor vendor(@PathParam("client") String client) {
            RecordingVendor vendor = vendors.get(client);
            if (vendor == null) {
                throw new NotFoundException("no vendor for " + client);
            }
            return vendor;
        }
    }
}
