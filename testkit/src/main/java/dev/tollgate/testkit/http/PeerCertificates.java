package dev.tollgate.testkit.http;

import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * The certificate chain the client presented in the TLS handshake of a {@link LoopbackServer#https}
 * request, as a resource reads it: {@code @Context SecurityContext} then {@link #of}. It comes
 * from the TLS session itself ({@link TlsSessionReader} reads it from the exchange, and Jersey's
 * JDK HTTP container hands the exchange's principal on as the security context's user
 * principal), never from anything the client sends in the request. Elsewhere (the simulators in
 * an application server's sandbox) there is none. This class names no JDK HTTP server type, so
 * the simulators that use it load in servers that do not expose that module.
 */
public final class PeerCertificates {

    /** The principal of a TLS request that presented a client certificate. */
    public interface Presented extends Principal {

        /** The chain as presented, the client's own certificate first. */
        List<X509Certificate> chain();
    }

    private PeerCertificates() {
    }

    /** The presented chain, the client's own certificate first; empty without TLS or without a certificate. */
    public static Optional<List<X509Certificate>> of(SecurityContext security) {
        return security != null && security.getUserPrincipal() instanceof Presented presented
                ? Optional.of(presented.chain()) : Optional.empty();
    }
}
