package dev.tollgate.provider.oauth2;

import static dev.tollgate.provider.oauth2.MutualTlsPki.CA_CLIENT_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.TollgateConfigException;
import dev.tollgate.engine.testing.EngineHarness;
import dev.tollgate.engine.testing.OAuth2Loopback;
import dev.tollgate.testkit.config.TestConfig;
import dev.tollgate.testkit.log.ConfiguredSecrets;
import dev.tollgate.testkit.pki.TlsCertificates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every bad TLS input fails deployment with a message naming the key to fix, sends nothing, and
 * never shows a password: the key store and trust store (missing, unreadable, wrong password),
 * the entry (alias absent, no private key, no certificate), the certificate's validity by the
 * engine's clock, the keys set on a tenant, and {@code tls_client_auth} without a key store.
 */
class MutualTlsConfigurationTest {

    private static final String WRONG_PASSWORD = ConfiguredSecrets.record("Qz7-wr0ng-Kp4vX9tM");

    static MutualTlsPki pki;
    @TempDir
    Path keys;

    @RegisterExtension
    final EngineHarness harness = new EngineHarness();
    private final OAuth2Loopback oauth2 = harness.oauth2(); // http: the checks send nothing anywhere

    @BeforeAll
    static void makeCertificates() {
        pki = MutualTlsPki.shared();
    }

    private TestConfig mtls(TlsCertificates.Issued identity) {
        return pki.config(oauth2, CA_CLIENT_ID, "tls_client_auth", identity);
    }

    /** The one problem deployment reports, after checking it shows no password and nothing was sent. */
    private String problem(TestConfig config, String... passwords) {
        List<TollgateConfigException> problems = harness.engine(config).validate("api");
        assertEquals(1, problems.size(), problems.toString());
        String message = problems.get(0).getMessage();
        for (String password : passwords) {
            assertFalse(message.contains(password), message);
        }
        assertEquals(0, harness.journal.requests().size(), "nothing was sent");
        return message;
    }

    @Test
    void aValidIdentityPassesDeployment() {
        assertEquals(List.of(), harness.engine(mtls(pki.caIssued)).validate("api"));
    }

    @Test
    void aMissingKeyStoreFileIsNamed() {
        String message = problem(mtls(pki.caIssued).and("tollgate.api.tls-key-store", keys.resolve("nowhere.p12").toString()));
        assertTrue(message.contains("tollgate.api.tls-key-store names no file"), message);
    }

    @Test
    void aWrongKeyStorePasswordIsNamed() {
        String message = problem(mtls(pki.caIssued).and("tollgate.api.tls-key-store-password", WRONG_PASSWORD),
                WRONG_PASSWORD, pki.caIssued.password());
        assertTrue(message.contains("tollgate.api.tls-key-store-password does not open"), message);
    }

    @Test
    void anAbsentAliasIsNamed() {
        String message = problem(mtls(pki.caIssued).and("tollgate.api.tls-key-alias", "no-such-entry"));
        assertTrue(message.contains("tollgate.api.tls-key-alias names no entry"), message);
    }

    @Test
    void aStoreWithoutAPrivateKeyIsNamed() {
        String message = problem(mtls(pki.caIssued).and("tollgate.api.tls-key-store", pki.trustStore.toString())
                .and("tollgate.api.tls-key-store-password", pki.trustStorePassword), pki.trustStorePassword);
        assertTrue(message.contains("tollgate.api.tls-key-store holds no private key"), message);
    }

    @Test
    void aPemKeyWithoutItsCertificateIsNamed() throws IOException {
        String pem = Files.readString(pki.certificates.pem(pki.caIssued));
        Path keyOnly = Files.writeString(keys.resolve("key-only.pem"), pem.substring(0, pem.indexOf("-----BEGIN CERTIFICATE")));
        String message = problem(mtls(pki.caIssued).and("tollgate.api.tls-key-store", keyOnly.toString()));
        assertTrue(message.contains("tollgate.api.tls-key-store holds a private key without its certificate"), message);
    }

    /** Expiry is judged by the engine's clock: the same certificate passes before it and fails after. */
    @Test
    void aClientCertificateThatExpiredByTheEnginesClockIsNamed() {
        Instant now = harness.clock.instant();
        TlsCertificates.Issued shortLived = pki.certificates.signedBy(pki.clientCa, "Short Lived",
                new TlsCertificates.Validity(now.minus(Duration.ofDays(30)), Duration.ofDays(31)));
        assertEquals(List.of(), harness.engine(mtls(shortLived)).validate("api"));

        harness.clock.advance(Duration.ofDays(2));

        String message = problem(mtls(shortLived));
        assertTrue(message.contains("tollgate.api.tls-key-store holds a client certificate that expired on"), message);
    }

    @Test
    void aClientCertificateNotValidYetByTheEnginesClockIsNamed() {
        Instant now = harness.clock.instant();
        TlsCertificates.Issued future = pki.certificates.signedBy(pki.clientCa, "Future",
                new TlsCertificates.Validity(now.plus(Duration.ofDays(3)), Duration.ofDays(365)));

        String message = problem(mtls(future));

        assertTrue(message.contains("tollgate.api.tls-key-store holds a client certificate that is not valid before"), message);
    }

    @Test
    void anUnreadableTrustStoreIsNamed() throws IOException {
        Path garbage = Files.writeString(keys.resolve("garbage.p12"), "not a key store");
        String message = problem(mtls(pki.caIssued).and("tollgate.api.tls-trust-store", garbage.toString()));
        assertTrue(message.contains("tollgate.api.tls-trust-store is not a PKCS12 key store"), message);
    }

    @Test
    void aWrongTrustStorePasswordIsNamed() {
        String message = problem(mtls(pki.caIssued).and("tollgate.api.tls-trust-store-password", WRONG_PASSWORD), WRONG_PASSWORD);
        assertTrue(message.contains("tollgate.api.tls-trust-store-password does not open"), message);
    }

    /** A PKCS#12 trust store as the JDK writes it keeps its certificates encrypted: without the password it shows none. */
    @Test
    void aTrustStoreWithoutItsPasswordIsToldToNeedIt() {
        TestConfig config = mtls(pki.caIssued);
        config.and("tollgate.api.tls-trust-store-password", "");

        String message = problem(config);

        assertTrue(message.contains("set tollgate.api.tls-trust-store-password"), message);
    }

    /** The TLS identity is the client's: a tenant's would be ignored by the Rest Client all tenants share. */
    @Test
    void aTenantsTlsKeyIsRefusedNamingItsKey() {
        String message = problem(mtls(pki.caIssued).and("tollgate.api.tenants", "acme")
                .and("tollgate.api.tenants.acme.tls-key-store", pki.selfSigned.keyStore().toString()));
        assertTrue(message.contains("tollgate.api.tenants.acme.tls-key-store is set for a tenant"), message);
        assertTrue(message.contains("set tollgate.api.tls-key-store instead"), message);
    }

    @Test
    void tlsClientAuthWithoutAKeyStoreIsNamedAndNeedsNoSecret() {
        TestConfig config = TestConfig.with("tollgate.api.provider", OAuth2Provider.ID)
                .and("tollgate.api.base-url", oauth2.url("oauth2/"))
                .and("tollgate.api.token-url", oauth2.url("oauth2/token"))
                .and("tollgate.api.client-id", CA_CLIENT_ID)
                .and("tollgate.api.auth-method", "self_signed_tls_client_auth");

        String message = problem(config);

        assertTrue(message.contains("tollgate.api.tls-key-store is not set, but tollgate.api.auth-method self_signed_tls_client_auth"),
                message);
        assertFalse(message.contains("client-secret"), message);
    }

    @Test
    void anApplicationAskingForTheContextOfAClientWithoutTlsSettingsIsTold() {
        var engine = harness.engine(oauth2.config(OAuth2Provider.ID, "id", ConfiguredSecrets.record("Lm2v8Qp1Zx-s3cr")));
        TollgateConfigException e = assertThrows(TollgateConfigException.class, () -> engine.sslContext("api"));
        assertTrue(e.getMessage().contains("neither tollgate.api.tls-key-store nor tollgate.api.tls-trust-store is set"), e.getMessage());
    }
}
