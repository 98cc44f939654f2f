package dev.tollgate.testkit.http;

import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import com.sun.net.httpserver.HttpsExchange;
import jakarta.ws.rs.core.SecurityContext;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * The certificate chain the client presented in the TLS handshake of a {@link LoopbackServer#https}
 * request, as a resource reads it: {@code @Context SecurityContext} then {@link #of}. It comes
 * from the TLS session itself (Jersey's JDK HTTP container passes the exchange's principal on as
 * the security context's user principal), never from anything the client sends in the request.
 */
public final class PeerCertificates {

    private PeerCertificates() {
    }

    /** The presented chain, the client's own certificate first; empty without TLS or without a certificate. */
    public static Optional<List<X509Certificate>> of(SecurityContext security) {
        return security != null && security.getUserPrincipal() instanceof Presented presented
                ? Optional.of(presented.chain) : Optional.empty();
    }

    /** The principal a TLS request with a client certificate gets; it carries that certificate's chain. */
    static final class Presented extends HttpPrincipal {

        private final List<X509Certificate> chain;

        Presented(List<X509Certificate> chain) {
            super(chain.get(0).getSubjectX500Principal().getName(), "tls");
            this.chain = List.copyOf(chain);
        }
    }

    /** Runs before the resources: reads the TLS session's peer certificates (none: no principal). */
    static final class Reader extends Authenticator {

        @Override
        public Result authenticate(HttpExchange exchange) {
            if (exchange instanceof HttpsExchange https) {
                try {
                    List<X509Certificate> chain = new ArrayList<>();
                    for (Certificate c : https.getSSLSession().getPeerCertificates()) {
                        chain.add((X509Certificate) c);
                    }
                    if (!chain.isEmpty()) {
                        return new Success(new Presented(chain));
                    }
                } catch (SSLPeerUnverifiedException noCertificate) {
                    // the client presented none
                }
            }
            return new Success(null);
        }
    }
}
