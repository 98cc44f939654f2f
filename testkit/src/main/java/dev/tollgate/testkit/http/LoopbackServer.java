package dev.tollgate.testkit.http;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import dev.tollgate.testkit.pki.TlsCertificates;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.glassfish.jersey.jdkhttp.JdkHttpHandlerContainer;
import org.glassfish.jersey.jdkhttp.JdkHttpServerFactory;
import org.glassfish.jersey.server.ContainerFactory;
import org.glassfish.jersey.server.ResourceConfig;

/**
 * Serves JAX-RS resources (the vendor simulators) on 127.0.0.1 at a free port, for unit tests.
 * The same resource classes run unchanged in the EAR's sandbox web module.
 */
public final class LoopbackServer implements AutoCloseable {

    private final HttpServer server;
    private final URI baseUri;

    private LoopbackServer(HttpServer server, String scheme) {
        this.server = server;
        this.baseUri = URI.create(scheme + "://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    /** Starts a server for the given resource instances (singletons, so their state is shared). */
    public static LoopbackServer serve(Object... resources) {
        HttpServer server = JdkHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:0/"), resources(resources));
        return new LoopbackServer(server, "http");
    }

    /**
     * Starts an https server presenting {@code identity} (a certificate for 127.0.0.1) that asks
     * every client for a certificate (TLS "want": a client without one still gets an HTTP answer,
     * an authorization server's {@code invalid_client} or a resource's {@code invalid_token}).
     * Any client certificate passes the handshake: whether it is trusted is for the resources to
     * judge, as an authorization server that registers self-signed certificates does (RFC 8705
     * §2.2). A resource reads what the client presented with {@link PeerCertificates}.
     */
    public static LoopbackServer https(TlsCertificates.Issued identity, Object... resources) {
        return https(identity, List.of(), resources);
    }

    /**
     * {@link #https(TlsCertificates.Issued, Object...)} whose certificate request names
     * {@code advertised} as the CAs it accepts (TLS {@code certificate_authorities}), as servers
     * configured with a client CA do, even when they also take self-signed certificates.
     */
    public static LoopbackServer https(TlsCertificates.Issued identity, List<X509Certificate> advertised, Object... resources) {
        try {
            HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            SSLContext tls = serverContext(identity, advertised);
            server.setHttpsConfigurator(new HttpsConfigurator(tls) {
                @Override
                public void configure(HttpsParameters parameters) {
                    SSLParameters ssl = tls.getDefaultSSLParameters();
                    ssl.setWantClientAuth(true);
                    parameters.setSSLParameters(ssl);
                }
            });
            HttpContext context = server.createContext("/",
                    ContainerFactory.createContainer(JdkHttpHandlerContainer.class, resources(resources)));
            context.setAuthenticator(new TlsSessionReader());
            server.start();
            return new LoopbackServer(server, "https");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ResourceConfig resources(Object... resources) {
        ResourceConfig config = new ResourceConfig().property("jersey.config.server.wadl.disableWadl", true);
        for (Object resource : resources) {
            config.register(resource);
        }
        return config;
    }

    private static SSLContext serverContext(TlsCertificates.Issued identity, List<X509Certificate> advertised) {
        return TlsCertificates.context(identity, new TrustManager[] {new AnyClientCertificate(advertised)});
    }

    /** Lets every client certificate through the handshake; the resources decide what it is worth. */
    private static final class AnyClientCertificate implements X509TrustManager {

        private final List<X509Certificate> advertised;

        AnyClientCertificate(List<X509Certificate> advertised) {
            this.advertised = List.copyOf(advertised);
        }
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // judged by the resource (the registered certificate, or the chain to the simulator's CA)
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws java.security.cert.CertificateException {
            throw new java.security.cert.CertificateException("a server, not a client");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            // none by default: no CA names in the request, a client offers whichever certificate it has
            return advertised.toArray(X509Certificate[]::new);
        }
    }

    /** {@code http://127.0.0.1:<port>/} ({@code https} for {@link #https}). */
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
