package dev.tollgate.testkit.http;

import com.sun.net.httpserver.HttpServer;
import java.net.URI;
import org.glassfish.jersey.jdkhttp.JdkHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;

/**
 * Serves JAX-RS resources (the vendor simulators) on 127.0.0.1 at a free port, for unit tests.
 * The same resource classes run unchanged in the EAR's sandbox web module.
 */
public final class LoopbackServer implements AutoCloseable {

    private final HttpServer server;
    private final URI baseUri;

    private LoopbackServer(HttpServer server) {
        this.server = server;
        this.baseUri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    /** Starts a server for the given resource instances (singletons, so their state is shared). */
    public static LoopbackServer serve(Object... resources) {
        ResourceConfig config = new ResourceConfig().property("jersey.config.server.wadl.disableWadl", true);
        for (Object resource : resources) {
            config.register(resource);
        }
        HttpServer server = JdkHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:0/"), config);
        return new LoopbackServer(server);
    }

    /** {@code http://127.0.0.1:<port>/}. */
    public URI baseUri() {
        return baseUri;
    }

    /** The base URI with a path appended, e.g. {@code url("taxjar/sandbox/v2")}. */
    public String url(String path) {
        return baseUri.resolve(path).toString();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
