package dev.tollgate.provider.oauth2;

import dev.tollgate.engine.testing.EngineHarness;
import dev.tollgate.engine.testing.OAuth2Loopback;
import dev.tollgate.testkit.config.TestConfig;
import dev.tollgate.testkit.http.LoopbackServer;
import dev.tollgate.testkit.log.ConfiguredSecrets;
import dev.tollgate.testkit.pki.TlsCertificates;
import dev.tollgate.testkit.pki.TlsCertificates.Issued;
import dev.tollgate.testkit.simulator.oauth2.MutualTlsClients;
import dev.tollgate.testkit.simulator.oauth2.OAuth2Clients;
import dev.tollgate.testkit.simulator.oauth2.OAuth2Simulator;
import java.nio.file.Path;
import java.time.Duration;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The keys and certificates of the mutual TLS tests, made once per test class, and the simulator
 * on an https listener with the mutual TLS clients registered.
 * <ul>
 *   <li>{@link #serverCa} signs the listener's certificate: a private CA, trusted only through a
 *       trust store ({@link #trustStore});</li>
 *   <li>{@link #clientCa} is the authorization server's CA for {@code tls_client_auth} clients,
 *       which signs {@link #caIssued} (registered by subject DN) and {@link #stranger} (another DN);</li>
 *   <li>{@link #selfSigned} is registered by its thumbprint, for {@code self_signed_tls_client_auth};
 *       {@link #otherSelfSigned} is not registered.</li>
 * </ul>
 */
final class MutualTlsPki {

    static final String CA_CLIENT_ID = "ledger-mtls";
    static final String SELF_SIGNED_CLIENT_ID = "ledger-self-signed";

    final TlsCertificates certificates;
    final Issued serverCa;
    final Issued server;
    final Issued clientCa;
    final Issued caIssued;
    final Issued stranger;
    final Issued selfSigned;
    final Issued otherSelfSigned;
    final String trustStorePassword = ConfiguredSecrets.record("trust-" + UUID.randomUUID());
    final Path trustStore;

    private static MutualTlsPki shared;

    /**
     * The one set of this test run (the module's test classes share a JVM): each certificate
     * costs a {@code keytool} process, about half a second. In {@code target/mutual-tls}.
     */
    static synchronized MutualTlsPki shared() {
        if (shared == null) {
            shared = new MutualTlsPki(Path.of("target", "mutual-tls").toAbsolutePath());
        }
        return shared;
    }

    private MutualTlsPki(Path directory) {
        certificates = TlsCertificates.in(directory);
        serverCa = certificates.authority("Private Server CA");
        server = certificates.signedBy(serverCa, "Authorization Server");
        clientCa = certificates.authority("Client CA");
        caIssued = certificates.signedBy(clientCa, "Ledger Service");
        stranger = certificates.signedBy(clientCa, "Someone Else");
        selfSigned = certificates.selfSigned("Ledger Self Signed");
        otherSelfSigned = certificates.selfSigned("Ledger Impostor");
        trustStore = certificates.trustStore(trustStorePassword, serverCa.certificate());
    }

    /** The simulator, its mutual TLS clients registered, served over https with {@link #server}'s certificate. */
    OAuth2Loopback serve(EngineHarness harness) {
        return serve(harness, List.of());
    }

    /** {@link #serve(EngineHarness)} naming {@code advertised} as the CAs its certificate request accepts. */
    OAuth2Loopback serve(EngineHarness harness, List<X509Certificate> advertised) {
        OAuth2Clients clients = OAuth2Clients.standard()
                .add(new OAuth2Clients.Client(CA_CLIENT_ID, null, OAuth2Clients.AuthMethod.TLS_CLIENT_AUTH,
                        Set.of("ledger:read"), Duration.ofMinutes(15), false, false))
                .add(new OAuth2Clients.Client(SELF_SIGNED_CLIENT_ID, null, OAuth2Clients.AuthMethod.SELF_SIGNED_TLS_CLIENT_AUTH,
                        Set.of("ledger:read"), Duration.ofMinutes(15), false, false));
        OAuth2Simulator simulator = new OAuth2Simulator(clients, harness.clock, harness.journal);
        simulator.mutualTls().trust(clientCa.certificate())
                .register(CA_CLIENT_ID, new MutualTlsClients.SubjectDn(caIssued.certificate().getSubjectX500Principal()))
                .register(SELF_SIGNED_CLIENT_ID, new MutualTlsClients.SelfSigned(selfSigned.thumbprint()));
        LoopbackServer https = harness.closeAfter(LoopbackServer.https(server, advertised, simulator));
        return new OAuth2Loopback(simulator, https, harness.journal);
    }

    /** Client {@code api} authenticating with {@code method} and {@code identity}'s key store, trusting the private CA. */
    TestConfig config(OAuth2Loopback oauth2, String clientId, String method, Issued identity) {
        return trusting(TestConfig.with("tollgate.api.provider", OAuth2Provider.ID)
                .and("tollgate.api.base-url", oauth2.url("oauth2/"))
                .and("tollgate.api.token-url", oauth2.url("oauth2/token"))
                .and("tollgate.api.client-id", clientId)
                .and("tollgate.api.auth-method", method)
                .and("tollgate.api.tls-key-store", identity.keyStore().toString())
                .and("tollgate.api.tls-key-store-password", identity.password()));
    }

    /** {@code config} with the trust store holding the private CA. */
    TestConfig trusting(TestConfig config) {
        return config.and("tollgate.api.tls-trust-store", trustStore.toString())
                .and("tollgate.api.tls-trust-store-password", trustStorePassword);
    }
}
