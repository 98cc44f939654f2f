package dev.tollgate.provider.oauth2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.TollgateConfigException;
import dev.tollgate.engine.TollgateEngine;
import dev.tollgate.engine.testing.EngineHarness;
import dev.tollgate.engine.testing.OAuth2Loopback;
import dev.tollgate.testkit.config.TestConfig;
import dev.tollgate.testkit.log.ConfiguredSecrets;
import dev.tollgate.testkit.log.SecretScan;
import dev.tollgate.testkit.pki.TestCertificates;
import dev.tollgate.testkit.pki.TestKeyStores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every bad input for private_key_jwt and client_secret_jwt fails deployment: one problem naming
 * the key to fix, no password or secret in it, and nothing sent to the token endpoint, neither by
 * the validation nor by a call.
 */
class AssertionConfigurationTest {

    private static final String WRONG_PASSWORD = ConfiguredSecrets.record("n0t-the-St0re-pa55w0rd");
    private static final String SHORT_SECRET = ConfiguredSecrets.record("only-31-bytes-of-hs256-secret!!");

    @RegisterExtension
    final EngineHarness harness = new EngineHarness();
    private final OAuth2Loopback oauth2 = harness.oauth2();

    @TempDir
    Path dir;

    @BeforeEach
    void register() {
        AssertionKeys.register(oauth2);
    }

    private TestConfig rsaPkcs12() {
        return AssertionKeys.privateKeyJwt(oauth2, AssertionKeys.RSA_CLIENT,
                AssertionKeys.pkcs12(dir, AssertionKeys.RSA, AssertionKeys.RSA_CERTIFICATE));
    }

    private TestConfig ecPkcs12() {
        return AssertionKeys.privateKeyJwt(oauth2, AssertionKeys.EC_CLIENT,
                AssertionKeys.pkcs12(dir, AssertionKeys.EC, AssertionKeys.EC_CERTIFICATE));
    }

    /** The one problem names {@code key}, says {@code saying}, holds no secret; a call fails the same way and sends nothing. */
    private void refusedAtDeployment(TestConfig config, String key, String saying) {
        TollgateEngine engine = harness.engine(config);
        List<TollgateConfigException> problems = engine.validate("api");
        assertEquals(1, problems.size(), problems.toString());
        String message = problems.get(0).getMessage();
        assertTrue(message.contains("tollgate.api." + key + " "), message);
        assertTrue(message.contains(saying), message);
        List<String> secrets = List.of(AssertionKeys.STORE_PASSWORD, WRONG_PASSWORD, AssertionKeys.SECRET_JWT_SECRET, SHORT_SECRET);
        assertFalse(SecretScan.containsAny(message, secrets), message);

        var client = harness.client(engine, OAuth2Loopback.CLIENT);
        TollgateConfigException onCall = assertThrows(TollgateConfigException.class, () -> oauth2.call(client));
        assertTrue(onCall.getMessage().contains("tollgate.api." + key + " "), onCall.getMessage());
        assertEquals(0, oauth2.simulator().tokenRequests(), "nothing was sent");
        assertEquals(0, oauth2.apiRequests().size());
    }

    @Test
    void aMissingKeyStore() {
        refusedAtDeployment(rsaPkcs12().and("tollgate.api.signing-key-store", dir.resolve("absent.p12").toString()),
                "signing-key-store", "names no file");
    }

    @Test
    void noKeyStoreAtAll() {
        TestConfig config = oauth2.config(OAuth2Provider.ID, AssertionKeys.RSA_CLIENT, "Xq7uNz3dS5cR8tV4lw2J")
                .and("tollgate.api.auth-method", "private_key_jwt");
        refusedAtDeployment(config, "signing-key-store", "is not set");
    }

    @Test
    void aRelativeKeyStorePath() {
        refusedAtDeployment(rsaPkcs12().and("tollgate.api.signing-key-store", "signing.p12"), "signing-key-store", "absolute path");
    }

    @Test
    void theWrongStorePassword() {
        refusedAtDeployment(rsaPkcs12().and("tollgate.api.signing-key-store-password", WRONG_PASSWORD),
                "signing-key-store-password", "does not open");
    }

    @Test
    void theWrongStorePasswordOfAJks() {
        TestConfig config = AssertionKeys.privateKeyJwt(oauth2, AssertionKeys.RSA_CLIENT,
                AssertionKeys.jks(dir, AssertionKeys.RSA, AssertionKeys.RSA_CERTIFICATE));
        refusedAtDeployment(config.and("tollgate.api.signing-key-store-password", WRONG_PASSWORD),
                "signing-key-store-password", "does not open");
    }

    @Test
    void theWrongKeyPassword() {
        Path jks = TestKeyStores.withKey(dir.resolve("two-passwords.jks"), "JKS", AssertionKeys.STORE_PASSWORD, "k",
                ConfiguredSecrets.record("the-k3y's-0wn-pa55w0rd"), AssertionKeys.RSA, AssertionKeys.RSA_CERTIFICATE);
        refusedAtDeployment(AssertionKeys.privateKeyJwt(oauth2, AssertionKeys.RSA_CLIENT, jks)
                .and("tollgate.api.signing-key-password", WRONG_PASSWORD), "signing-key-password", "does not open");
    }

    @Test
    void anAliasTheStoreDoesNotHold() {
        refusedAtDeployment(rsaPkcs12().and("tollgate.api.signing-key-alias", "no-such-alias"),
                "signing-key-alias", "names no entry");
    }

    @Test
    void anRsaKeyForEs256() {
        refusedAtDeployment(rsaPkcs12().and("tollgate.api.signing-algorithm", "ES256"), "signing-algorithm", "holds an RSA key");
    }

    @Test
    void anEcKeyForRs256OrPs256() {
        refusedAtDeployment(ecPkcs12().and("tollgate.api.signing-algorithm", "RS256"), "signing-algorithm", "holds an EC key");
        refusedAtDeployment(ecPkcs12().and("tollgate.api.signing-algorithm", "PS256"), "signing-algorithm", "holds an EC key");
    }

    @Test
    void anRs256ForAKeyRestrictedToPss() throws Exception {
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSASSA-PSS");
        generator.initialize(2048);
        Path pem = TestKeyStores.pem(dir.resolve("pss.pem"), generator.generateKeyPair(), null);
        refusedAtDeployment(AssertionKeys.privateKeyJwt(oauth2, AssertionKeys.RSA_CLIENT, pem)
                .and("tollgate.api.signing-algorithm", "RS256"), "signing-algorithm", "restricted to RSASSA-PSS");
    }

    @Test
    void anEd25519Key() throws Exception {
        Path pem = TestKeyStores.pem(dir.resolve("ed25519.pem"), java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair(), null);
        refusedAtDeployment(AssertionKeys.privateKeyJwt(oauth2, AssertionKeys.RSA_CLIENT, pem), "signing-key-store", "key of type EdDSA");
    }

    /**
     * A key restricted to RSASSA-PSS with other parameters than PS256's (SHA-512, as
     * {@code openssl genpkey -algorithm RSA-PSS -pkeyopt rsa_pss_keygen_md:sha512} makes) cannot
     * sign PS256: deployment says so (it passed, and every token request then failed to sign).
     */
    @Test
    void aPssKeyRestrictedToOtherParametersThanPs256s() throws Exception {
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSASSA-PSS");
        generator.initialize(new java.security.spec.RSAKeyGenParameterSpec(2048, java.security.spec.RSAKeyGenParameterSpec.F4,
                new java.security.spec.PSSParameterSpec("SHA-512", "MGF1", java.security.spec.MGF1ParameterSpec.SHA512, 64, 1)));
        Path pem = TestKeyStores.pem(dir.resolve("pss-sha512.pem"), generator.generateKeyPair(), null);

        refusedAtDeployment(AssertionKeys.privateKeyJwt(oauth2, AssertionKeys.RSA_CLIENT, pem), "signing-key-store",
                "restricted to RSASSA-PSS with SHA-512");
    }

    @Test
    void anEcKeyOffP256() {
        KeyPair p384 = TestCertificates.ec("secp384r1");
        Path store = TestKeyStores.withKey(dir.resolve("p384.p12"), "PKCS12", AssertionKeys.STORE_PASSWORD, "k",
                AssertionKeys.STORE_PASSWORD, p384, TestCertificates.selfSigned(p384, "p384"));
        refusedAtDeployment(AssertionKeys.privateKeyJwt(oauth2, AssertionKeys.EC_CLIENT, store), "signing-key-store", "P-256");
    }

    @Test
    void anRsaKeyUnder2048Bits() {
        KeyPair small = TestCertificates.rsa(1024);
        Path pem = TestKeyStores.pem(dir.resolve("small.pem"), small, null);
        refusedAtDeployment(AssertionKeys.privateKeyJwt(oauth2, AssertionKeys.RSA_CLIENT, pem), "signing-key-store", "1024 bits");
    }

    @Test
    void aPemThatHoldsNoKey() throws IOException {
        Path certificateOnly = TestKeyStores.pemCertificates(dir.resolve("certificate.pem"), AssertionKeys.RSA_CERTIFICATE);
        refusedAtDeployment(AssertionKeys.privateKeyJwt(oauth2, AssertionKeys.RSA_CLIENT, certificateOnly),
                "signing-key-store", "no PEM PRIVATE KEY");

        Path text = Files.writeString(dir.resolve("notes.pem"), "not a key at all\n");
        refusedAtDeployment(AssertionKeys.privateKeyJwt(oauth2, AssertionKeys.RSA_CLIENT, text),
                "signing-key-store", "no PEM PRIVATE KEY");
    }

    @Test
    void aPemWhoseKeyIsEncrypted() throws IOException {
        Path encrypted = Files.writeString(dir.resolve("encrypted.pem"),
                TestKeyStores.block("ENCRYPTED PRIVATE KEY", new byte[] {0x30, 0x03, 0x02, 0x01, 0x00}));
        refusedAtDeployment(AssertionKeys.privateKeyJwt(oauth2, AssertionKeys.RSA_CLIENT, encrypted),
                "signing-key-store", "unencrypted PKCS#8");
    }

    @Test
    void aFileThatIsNoKeyStore() throws IOException {
        Path garbage = Files.write(dir.resolve("garbage.p12"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        refusedAtDeployment(AssertionKeys.privateKeyJwt(oauth2, AssertionKeys.RSA_CLIENT, garbage),
                "signing-key-store", "is not a PKCS12 key store");
    }

    @Test
    void anAlgorithmPrivateKeyJwtDoesNotSignWith() {
        refusedAtDeployment(rsaPkcs12().and("tollgate.api.signing-algorithm", "HS256"), "signing-algorithm", "must be one of");
        refusedAtDeployment(rsaPkcs12().and("tollgate.api.signing-algorithm", "none"), "signing-algorithm", "must be one of");
    }

    @Test
    void anAssertionLifetimeOutOfRange() {
        refusedAtDeployment(rsaPkcs12().and("tollgate.api.assertion-lifetime", "PT11M"), "assertion-lifetime", "PT10M");
        refusedAtDeployment(rsaPkcs12().and("tollgate.api.assertion-lifetime", "PT0S"), "assertion-lifetime", "PT1S");
        refusedAtDeployment(rsaPkcs12().and("tollgate.api.assertion-lifetime", "-PT1M"), "assertion-lifetime", "negative");
        refusedAtDeployment(rsaPkcs12().and("tollgate.api.assertion-lifetime", "60"), "assertion-lifetime", "");
    }

    @Test
    void aClientSecretTooShortForHs256() {
        refusedAtDeployment(oauth2.config(OAuth2Provider.ID, AssertionKeys.SECRET_JWT_CLIENT, SHORT_SECRET)
                .and("tollgate.api.auth-method", "client_secret_jwt"), "client-secret", "at least 32 bytes");
    }

    @Test
    void aClientSecretJwtWithAnotherAlgorithm() {
        refusedAtDeployment(oauth2.config(OAuth2Provider.ID, AssertionKeys.SECRET_JWT_CLIENT, AssertionKeys.SECRET_JWT_SECRET)
                .and("tollgate.api.auth-method", "client_secret_jwt")
                .and("tollgate.api.signing-algorithm", "RS256"), "signing-algorithm", "HS256");
    }
}
