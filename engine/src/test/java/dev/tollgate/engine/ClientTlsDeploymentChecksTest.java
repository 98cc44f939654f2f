package dev.tollgate.engine;

import static dev.tollgate.testkit.simulator.taxjar.TaxJarFixture.ACME_SANDBOX_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.TollgateConfigException;
import dev.tollgate.engine.fake.StaticBearerProvider;
import dev.tollgate.engine.testing.EngineHarness;
import dev.tollgate.engine.testing.TaxJarLoopback;
import dev.tollgate.testkit.config.TestConfig;
import dev.tollgate.testkit.log.ConfiguredSecrets;
import dev.tollgate.testkit.pki.TlsCertificates;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a typo-prone administrator gives the client's TLS keys fails deployment naming the key,
 * instead of every handshake failing later as if the server were down: a certificate that is
 * not the key's own (another entry's, or the CA first in a PEM file), and a store's password
 * left without its store (the store key mistyped).
 */
class ClientTlsDeploymentChecksTest {

    @TempDir
    static Path keys;
    static TlsCertificates certificates;
    static TlsCertificates.Issued ca;
    static TlsCertificates.Issued client;
    static TlsCertificates.Issued other;

    @RegisterExtension
    final EngineHarness harness = new EngineHarness();

    @BeforeAll
    static void makeCertificates() {
        certificates = TlsCertificates.in(keys);
        ca = certificates.authority("Client CA");
        client = certificates.signedBy(ca, "Ledger Client");
        other = certificates.selfSigned("Someone Else");
    }

    private String problem(TestConfig config, String... passwords) {
        TaxJarLoopback taxjar = harness.taxjar();
        List<TollgateConfigException> problems = harness.engine(config.and("tollgate.taxjar.provider", StaticBearerProvider.ID)
                .and("tollgate.taxjar.base-url", taxjar.sandboxUrl())
                .and("tollgate.taxjar.api-token", ACME_SANDBOX_TOKEN)).validate("taxjar");
        assertEquals(1, problems.size(), problems.toString());
        String message = problems.get(0).getMessage();
        for (String password : passwords) {
            assertFalse(message.contains(password), message);
        }
        assertEquals(0, taxjar.journal().count(), "nothing was sent");
        return message;
    }

    /** KeyStore.setKeyEntry takes any chain with any key: the server would refuse the handshake. */
    @Test
    void aKeyStoreWhoseCertificateIsNotItsKeysIsNamed() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("client", client.key(), client.password().toCharArray(), other.chain().toArray(Certificate[]::new));
        Path file = keys.resolve("mismatched.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, client.password().toCharArray());
        }

        String message = problem(TestConfig.with("tollgate.taxjar.tls-key-store", file.toString())
                .and("tollgate.taxjar.tls-key-store-password", client.password()), client.password());

        assertTrue(message.contains("tollgate.taxjar.tls-key-store holds a certificate that is not its private key's own"
                + " (subject CN=Someone Else"), message);
    }

    /** A PEM file written CA first (cat ca.pem client.pem) names the CA's certificate as the client's. */
    @Test
    void aPemFileWithTheCaBeforeTheClientsCertificateIsNamed() throws Exception {
        String pem = Files.readString(certificates.pem(client));
        int leaf = pem.indexOf("-----BEGIN CERTIFICATE");
        int issuer = pem.indexOf("-----BEGIN CERTIFICATE", leaf + 1);
        Path file = Files.writeString(keys.resolve("ca-first.pem"), pem.substring(0, leaf) + pem.substring(issuer) + pem.substring(leaf, issuer));

        String message = problem(TestConfig.with("tollgate.taxjar.tls-key-store", file.toString()));

        assertTrue(message.contains("tollgate.taxjar.tls-key-store holds a certificate that is not its private key's own"
                + " (subject CN=Client CA"), message);
        assertTrue(message.contains("the key, its certificate, then the CAs"), message);
    }

    @Test
    void aKeyStorePasswordWithoutItsKeyStoreNamesTheStoreKey() {
        String password = ConfiguredSecrets.record("Vb3-orphan-Jq8wZ2");

        String message = problem(TestConfig.with("tollgate.taxjar.tls-keystore", client.keyStore().toString())
                .and("tollgate.taxjar.tls-key-store-password", password), password);

        assertTrue(message.contains("tollgate.taxjar.tls-key-store is not set, but tollgate.taxjar.tls-key-store-password is"),
                message);
    }

    @Test
    void aTrustStoreTypeWithoutItsTrustStoreNamesTheStoreKey() {
        String message = problem(TestConfig.with("tollgate.taxjar.tls-truststore", keys.resolve("ca.p12").toString())
                .and("tollgate.taxjar.tls-trust-store-type", "PKCS12"));

        assertTrue(message.contains("tollgate.taxjar.tls-trust-store is not set, but tollgate.taxjar.tls-trust-store-type is"),
                message);
    }

    /**
     * openssl writes a PKCS#12 trust store without the JDK's trust mark, so the JDK lists none of
     * its certificates: "holds no certificate" sent the administrator hunting for a wrong file.
     */
    @Test
    void aPkcs12TrustStoreWrittenByOpensslIsToldWhyItShowsNoCertificate() throws Exception {
        String password = ConfiguredSecrets.record("Fixture-Pw-7Kq2");
        Path file = Path.of(getClass().getResource("/tls/openssl-trust-store.p12").toURI());

        String message = problem(TestConfig.with("tollgate.taxjar.tls-trust-store", file.toString())
                .and("tollgate.taxjar.tls-trust-store-password", password), password);

        assertTrue(message.contains("tollgate.taxjar.tls-trust-store holds no certificate the JDK takes as trusted"), message);
        assertTrue(message.contains("openssl"), message);
    }

    /** TLS servers refuse a client certificate whose key purposes leave out client authentication (JSSE and OpenSSL alike). */
    @Test
    void aCertificateNotMeantForTlsClientsIsNamed() {
        TlsCertificates.Issued serverOnly = certificates.selfSignedWith("Server Only", "eku=serverAuth");

        String message = problem(TestConfig.with("tollgate.taxjar.tls-key-store", serverOnly.keyStore().toString())
                .and("tollgate.taxjar.tls-key-store-password", serverOnly.password()), serverOnly.password());

        assertTrue(message.contains("tollgate.taxjar.tls-key-store holds a certificate whose extended key usage leaves out"
                + " TLS client authentication"), message);
    }

    @Test
    void aCertificateWhoseKeyCannotSignTheHandshakeIsNamed() {
        TlsCertificates.Issued encipherOnly = certificates.selfSignedWith("Key Agreement Only", "ku=keyAgreement");

        String message = problem(TestConfig.with("tollgate.taxjar.tls-key-store", encipherOnly.keyStore().toString())
                .and("tollgate.taxjar.tls-key-store-password", encipherOnly.password()), encipherOnly.password());

        assertTrue(message.contains("tollgate.taxjar.tls-key-store holds a certificate whose key usage leaves out digitalSignature"),
                message);
    }

    /** A certificate without key usage extensions, as openssl req -x509 makes one, may be used for anything. */
    @Test
    void aCertificateWithoutKeyUsageExtensionsPasses() {
        TlsCertificates.Issued plain = certificates.selfSignedWith("Plain");
        TaxJarLoopback taxjar = harness.taxjar();

        assertEquals(List.of(), harness.engine(taxjar.config(StaticBearerProvider.ID).and("tollgate.taxjar.api-token", ACME_SANDBOX_TOKEN)
                .and("tollgate.taxjar.tls-key-store", plain.keyStore().toString())
                .and("tollgate.taxjar.tls-key-store-password", plain.password())).validate("taxjar"));
    }

    /**
     * The key store given as the trust store too (its line copied): the JDK would trust the
     * client's own certificate and no server, and every call would fail as if the server were down.
     */
    @Test
    void theClientsKeyStoreGivenAsTheTrustStoreIsNamed() {
        String message = problem(TestConfig.with("tollgate.taxjar.tls-trust-store", client.keyStore().toString())
                .and("tollgate.taxjar.tls-trust-store-password", client.password()), client.password());

        assertTrue(message.contains("tollgate.taxjar.tls-trust-store holds private keys and no trusted certificate"), message);
    }

    @Test
    void aPemFileWithAPrivateKeyGivenAsTheTrustStoreIsNamed() {
        String message = problem(TestConfig.with("tollgate.taxjar.tls-trust-store", certificates.pem(client).toString()));

        assertTrue(message.contains("tollgate.taxjar.tls-trust-store holds a private key"), message);
    }

    /** Servers validate the whole chain the client sends: an intermediate CA that expired by the engine's clock fails too. */
    @Test
    void anIntermediateCaThatExpiredByTheEnginesClockIsNamed() {
        Instant now = harness.clock.instant();
        TlsCertificates.Issued intermediate = certificates.intermediate(ca, "Issuing CA",
                new TlsCertificates.Validity(now.minus(Duration.ofDays(30)), Duration.ofDays(31)));
        TlsCertificates.Issued leaf = certificates.signedBy(intermediate, "Ledger Client Via Intermediate");
        TestConfig config = TestConfig.with("tollgate.taxjar.tls-key-store", leaf.keyStore().toString())
                .and("tollgate.taxjar.tls-key-store-password", leaf.password());
        TaxJarLoopback taxjar = harness.taxjar();
        assertEquals(List.of(), harness.engine(taxjar.config(StaticBearerProvider.ID).and("tollgate.taxjar.api-token", ACME_SANDBOX_TOKEN)
                .and("tollgate.taxjar.tls-key-store", leaf.keyStore().toString())
                .and("tollgate.taxjar.tls-key-store-password", leaf.password())).validate("taxjar"), "valid today");

        harness.clock.advance(Duration.ofDays(2));

        String message = problem(config, leaf.password());
        assertTrue(message.contains("tollgate.taxjar.tls-key-store holds a CA certificate of the client's chain"
                + " (subject CN=Issuing CA,O=Tollgate tests) that expired on"), message);
    }
}
