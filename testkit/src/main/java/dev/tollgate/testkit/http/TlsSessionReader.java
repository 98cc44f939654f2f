package dev.tollgate.testkit.http;

import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import com.sun.net.httpserver.HttpsExchange;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Runs before the resources of a {@link LoopbackServer#https} server: reads the TLS session's
 * peer certificates and makes them the exchange's principal ({@link PeerCertificates.Presented});
 * a request without a certificate gets no principal. Every request passes: the resources decide.
 */
final class TlsSessionReader extends Authenticator {

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

    private static final class Presented extends HttpPrincipal implements PeerCertificates.Presented {

        private final List<X509Certificate> chain;

        Presented(List<X509Certificate> chain) {
            super(chain.get(0).getSubjectX500Principal().getName(), "tls");
            this.chain = List.copyOf(chain);
        }

        @Override
        public List<X509Certificate> chain() {
            return chain;
        }
    }
}
