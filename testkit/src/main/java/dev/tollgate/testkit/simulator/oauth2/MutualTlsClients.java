package dev.tollgate.testkit.simulator.oauth2;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import javax.security.auth.x500.X500Principal;

/**
 * Client authentication by mutual TLS (RFC 8705 §2), as an authorization server checks it: the
 * certificate comes from the TLS handshake, the form carries {@code client_id} and no secret.
 * <ul>
 *   <li>{@code tls_client_auth} (§2.1): the chain must lead to a CA this server trusts, checked by
 *       the server's clock, the certificate's key usages (when it names them) must allow a TLS
 *       client, and its subject DN must be the one registered for the client
 *       ({@code tls_client_auth_subject_dn}, compared as distinguished names).</li>
 *   <li>{@code self_signed_tls_client_auth} (§2.2): the certificate must be one registered for
 *       the client (here by its SHA-256 thumbprint, as a JWK set's {@code x5t#S256} names it);
 *       no CA is involved.</li>
 * </ul>
 * Anything else (no certificate, another one, a secret as well) is 401 {@code invalid_client}.
 */
public final class MutualTlsClients {

    /** What a client registered for mutual TLS presents. */
    public sealed interface Registration permits SubjectDn, SelfSigned {
    }

    /** {@code tls_client_auth}: a certificate with this subject, from a trusted CA. */
    public record SubjectDn(X500Principal subject) implements Registration {
    }

    /** {@code self_signed_tls_client_auth}: this very certificate (its thumbprint). */
    public record SelfSigned(String thumbprint) implements Registration {
    }

    /** What checking a request's certificate gave. */
    sealed interface Result permits Authenticated, Refused {
    }

    /** A client that proved who it is with the certificate of {@code thumbprint}, which its tokens are bound to. */
    record Authenticated(OAuth2Clients.Client client, String thumbprint) implements Result {
    }

    /** The §5.2 answer refusing the client. */
    record Refused(Response response) implements Result {
    }

    private final Clock clock;
    private final Set<X509Certificate> authorities = new CopyOnWriteArraySet<>();
    private final Map<String, Registration> registrations = new ConcurrentHashMap<>();

    MutualTlsClients(Clock clock) {
        this.clock = clock;
    }

    /** Trusts {@code ca} to vouch for {@code tls_client_auth} clients' certificates. */
    public MutualTlsClients trust(X509Certificate ca) {
        authorities.add(ca);
        return this;
    }

    /** Registers what client {@code clientId} (added to the server's clients with a TLS method) presents. */
    public MutualTlsClients register(String clientId, Registration registration) {
        registrations.put(clientId, registration);
        return this;
    }

    /** The client a request names, when it is registered for mutual TLS. */
    Optional<OAuth2Clients.Client> registered(String clientId, OAuth2Clients clients) {
        return clients.find(clientId).filter(c -> c.authMethod() == OAuth2Clients.AuthMethod.TLS_CLIENT_AUTH
                || c.authMethod() == OAuth2Clients.AuthMethod.SELF_SIGNED_TLS_CLIENT_AUTH);
    }

    /** The client authenticated, or the §5.2 answer refusing it. */
    Result authenticate(OAuth2Clients.Client client, HttpHeaders headers, Map<String, List<String>> form,
                        Optional<List<X509Certificate>> peer) {
        String method = client.authMethod().name().toLowerCase();
        if (headers.getHeaderString(HttpHeaders.AUTHORIZATION) != null || form.containsKey("client_secret")
                || form.containsKey("client_assertion")) {
            return new Refused(OAuth2Errors.invalidClient("The client must authenticate with " + method + " only", false));
        }
        if (peer.isEmpty()) {
            return new Refused(OAuth2Errors.invalidClient("The client must authenticate with " + method
                    + ": no client certificate was presented in the TLS handshake", false));
        }
        X509Certificate certificate = peer.get().get(0);
        Registration registration = registrations.get(client.clientId());
        boolean matches = switch (client.authMethod()) {
            case TLS_CLIENT_AUTH -> registration instanceof SubjectDn dn
                    && dn.subject().equals(certificate.getSubjectX500Principal()) && trusted(peer.get());
            case SELF_SIGNED_TLS_CLIENT_AUTH -> registration instanceof SelfSigned self
                    && self.thumbprint().equals(thumbprint(certificate));
            default -> false;
        };
        if (!matches) {
            return new Refused(OAuth2Errors.invalidClient("The client certificate is not the one registered for this client", false));
        }
        return new Authenticated(client, thumbprint(certificate));
    }

    /** RFC 8705 §3.1: base64url (no padding) of the SHA-256 of the certificate's DER. */
    static String thumbprint(X509Certificate certificate) {
        try {
            return java.util.Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(java.security.MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * What a TLS server's client check (JSSE's, OpenSSL's) asks of the client's own certificate:
     * when it names its purposes, TLS client authentication among them; when it names its key
     * usage, digitalSignature (the client signs the handshake). A certificate without either
     * extension passes, as there.
     */
    private static X509CertSelector forTlsClients() {
        X509CertSelector selector = new X509CertSelector();
        try {
            selector.setExtendedKeyUsage(Set.of("1.3.6.1.5.5.7.3.2")); // id-kp-clientAuth (anyExtendedKeyUsage also matches)
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        selector.setKeyUsage(new boolean[] {true}); // digitalSignature
        return selector;
    }

    /** The chain leads to a trusted CA, each certificate valid by this server's clock, the client's own fit for TLS clients. */
    private boolean trusted(List<X509Certificate> chain) {
        if (authorities.isEmpty()) {
            return false;
        }
        try {
            Set<TrustAnchor> anchors = new java.util.HashSet<>();
            authorities.forEach(ca -> anchors.add(new TrustAnchor(ca, null)));
            PKIXParameters parameters = new PKIXParameters(anchors);
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(clock.instant()));
            parameters.setTargetCertConstraints(forTlsClients());
            // the path without its anchor, if the client sent the CA's certificate along
            List<X509Certificate> path = chain.stream().filter(c -> !authorities.contains(c)).toList();
            CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509").generateCertPath(path), parameters);
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
