package dev.tollgate.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tollgate.api.TollgateConfigException;
import dev.tollgate.testkit.pki.TestCertificates;
import dev.tollgate.testkit.pki.TestKeyStores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keys and certificates from PKCS#12, JKS and PEM, written by the test with keys it generates;
 * every problem names the key to fix and never shows a password.
 */
class KeyFilesTest {

    static final KeyPair RSA = TestCertificates.rsa(2048);
    static final X509Certificate RSA_CERTIFICATE = TestCertificates.selfSigned(RSA, "rsa");
    static final KeyPair EC = TestCertificates.ec("secp256r1");
    static final X509Certificate EC_CERTIFICATE = TestCertificates.selfSigned(EC, "ec");
    static final String PASSWORD = "Store-Pa55word-!";
    static final String KEY_PASSWORD = "Key-0wn-Pa55word";
    static final KeyFiles.Keys KEYS = KeyFiles.keys("signing-key-store");

    @TempDir
    Path dir;

    private MapSettings settings(Path store) {
        return new MapSettings().with("signing-key-store", store.toString()).with("signing-key-store-password", PASSWORD);
    }

    /** The problem names {@code key} and says {@code saying}, and holds no password. */
    private static void fails(MapSettings settings, String key, String saying, boolean trustStore) {
        TollgateConfigException e = assertThrows(TollgateConfigException.class,
                () -> {
                    if (trustStore) {
                        KeyFiles.certificates(settings, KEYS);
                    } else {
                        KeyFiles.privateKey(settings, KEYS);
                    }
                });
        assertTrue(e.getMessage().contains("tollgate.c." + key + " "), e.getMessage());
        assertTrue(e.getMessage().contains(saying), e.getMessage());
        assertFalse(e.getMessage().contains(PASSWORD) || e.getMessage().contains(KEY_PASSWORD), e.getMessage());
    }

    private static void fails(MapSettings settings, String key, String saying) {
        fails(settings, key, saying, false);
    }

    @Test
    void keysNamesTheUsualKeys() {
        assertEquals(new KeyFiles.Keys("signing-key-store", "signing-key-store-type", "signing-key-store-password",
                "signing-key-alias", "signing-key-password"), KEYS);
        assertEquals(new KeyFiles.Keys("tls-trust-store", "tls-trust-store-type", "tls-trust-store-password",
                "tls-trust-alias", "tls-trust-password"), KeyFiles.keys("tls-trust-store"));
    }

    @Test
    void thePkcs12StoresOnlyKeyAndChainWithoutAnAlias() {
        Path p12 = TestKeyStores.withKey(dir.resolve("one.p12"), "PKCS12", PASSWORD, "signing", PASSWORD, RSA, RSA_CERTIFICATE);

        KeyFiles.KeyEntry entry = KeyFiles.privateKey(settings(p12), KEYS);

        assertEquals(RSA.getPrivate(), entry.key());
        assertEquals(List.of(RSA_CERTIFICATE), entry.chain());
        assertEquals(RSA_CERTIFICATE, entry.certificate().orElseThrow());
        assertFalse(entry.toString().contains(PASSWORD));
    }

    @Test
    void anAliasPicksOneOfSeveralKeys() throws Exception {
        Path p12 = twoKeys("two.p12", "PKCS12");

        assertEquals(EC.getPrivate(), KeyFiles.privateKey(settings(p12).with("signing-key-alias", "ec"), KEYS).key());
        assertEquals(RSA.getPrivate(), KeyFiles.privateKey(settings(p12).with("signing-key-alias", "rsa"), KEYS).key());
        fails(settings(p12), "signing-key-store", "holds 2 private keys: set tollgate.c.signing-key-alias");
    }

    @Test
    void anAliasTheStoreDoesNotHoldOrThatHoldsNoKey() throws Exception {
        Path p12 = twoKeys("two.p12", "PKCS12");
        fails(settings(p12).with("signing-key-alias", "absent"), "signing-key-alias", "names no entry");
        fails(settings(p12).with("signing-key-alias", "trusted"), "signing-key-alias", "holds no private key");
    }

    @Test
    void aStoreWithoutAnyKey() {
        Path p12 = TestKeyStores.withCertificates(dir.resolve("certs.p12"), "PKCS12", PASSWORD, RSA_CERTIFICATE);
        fails(settings(p12), "signing-key-store", "holds no private key");
    }

    @Test
    void theWrongStorePasswordOfPkcs12AndJks() {
        Path p12 = TestKeyStores.withKey(dir.resolve("k.p12"), "PKCS12", PASSWORD, "k", PASSWORD, RSA, RSA_CERTIFICATE);
        fails(settings(p12).with("signing-key-store-password", "wrong-password"), "signing-key-store-password", "does not open");
        Path jks = TestKeyStores.withKey(dir.resolve("k.jks"), "JKS", PASSWORD, "k", PASSWORD, RSA, RSA_CERTIFICATE);
        fails(settings(jks).with("signing-key-store-password", "wrong-password"), "signing-key-store-password", "does not open");
    }

    @Test
    void aPkcs12WithoutItsPasswordConfigured() {
        Path p12 = TestKeyStores.withKey(dir.resolve("k.p12"), "PKCS12", PASSWORD, "k", PASSWORD, RSA, RSA_CERTIFICATE);
        fails(new MapSettings().with("signing-key-store", p12.toString()), "signing-key-store", "password");
    }

    @Test
    void aJksKeyWithAPasswordOfItsOwn() {
        Path jks = TestKeyStores.withKey(dir.resolve("k.jks"), "JKS", PASSWORD, "k", KEY_PASSWORD, EC, EC_CERTIFICATE);

        fails(settings(jks), "signing-key-store-password", "set tollgate.c.signing-key-password");
        fails(settings(jks).with("signing-key-password", "wrong-key-password"), "signing-key-password", "does not open");
        assertEquals(EC.getPrivate(), KeyFiles.privateKey(settings(jks).with("signing-key-password", KEY_PASSWORD), KEYS).key());
    }

    /** The JDK reads a JKS file as PKCS#12 and the reverse, so only a PEM file needs its type said when its name does not. */
    @Test
    void theTypeComesFromTheExtensionOrTheTypeKey() {
        Path jks = TestKeyStores.withKey(dir.resolve("store.bin"), "JKS", PASSWORD, "k", PASSWORD, RSA, RSA_CERTIFICATE);
        assertEquals(RSA.getPrivate(), KeyFiles.privateKey(settings(jks), KEYS).key());
        assertEquals(RSA.getPrivate(), KeyFiles.privateKey(settings(jks).with("signing-key-store-type", "jks"), KEYS).key());
        fails(settings(jks).with("signing-key-store-type", "PKCS11"), "signing-key-store-type", "must be PKCS12, JKS or PEM");

        Path p12 = TestKeyStores.withKey(dir.resolve("store.pfx"), "PKCS12", PASSWORD, "k", PASSWORD, RSA, RSA_CERTIFICATE);
        assertEquals(RSA.getPrivate(), KeyFiles.privateKey(settings(p12).with("signing-key-store-type", "P12"), KEYS).key());

        Path pem = TestKeyStores.pem(dir.resolve("signing.txt"), RSA, RSA_CERTIFICATE);
        fails(settings(pem), "signing-key-store", "is not a PKCS12 key store (set tollgate.c.signing-key-store-type");
        assertEquals(RSA.getPrivate(), KeyFiles.privateKey(settings(pem).with("signing-key-store-type", "PEM"), KEYS).key());
    }

    @Test
    void aPemKeyWithItsCertificateOrAlone() {
        KeyFiles.KeyEntry rsa = KeyFiles.privateKey(settings(TestKeyStores.pem(dir.resolve("rsa.pem"), RSA, RSA_CERTIFICATE)), KEYS);
        assertEquals(RSA.getPrivate(), rsa.key());
        assertEquals(List.of(RSA_CERTIFICATE), rsa.chain());

        KeyFiles.KeyEntry ec = KeyFiles.privateKey(new MapSettings().with("signing-key-store",
                TestKeyStores.pem(dir.resolve("ec.key"), EC, null).toString()), KEYS);
        assertEquals(EC.getPrivate(), ec.key());
        assertTrue(ec.certificate().isEmpty());
    }

    @Test
    void aPemThatHoldsNoUsableKey() throws IOException {
        Path certificates = TestKeyStores.pemCertificates(dir.resolve("cert.pem"), RSA_CERTIFICATE);
        fails(settings(certificates), "signing-key-store", "holds no PEM PRIVATE KEY block");

        Path sec1 = Files.writeString(dir.resolve("sec1.pem"), TestKeyStores.block("EC PRIVATE KEY", new byte[] {0x30, 0x00}));
        fails(settings(sec1), "signing-key-store", "openssl pkcs8 -topk8 -nocrypt");

        Path encrypted = Files.writeString(dir.resolve("enc.pem"), TestKeyStores.block("ENCRYPTED PRIVATE KEY", new byte[] {0x30, 0x00}));
        fails(settings(encrypted), "signing-key-store", "unencrypted PKCS#8");

        Path junk = Files.writeString(dir.resolve("junk.pem"), TestKeyStores.block("PRIVATE KEY", new byte[] {1, 2, 3, 4}));
        fails(settings(junk), "signing-key-store", "not an RSA or EC key");
    }

    @Test
    void aPathThatIsMissingRelativeOrADirectory() {
        fails(settings(dir.resolve("absent.p12")), "signing-key-store", "names no file");
        fails(settings(dir), "signing-key-store", "names no file");
        fails(new MapSettings().with("signing-key-store", "keys/signing.p12"), "signing-key-store", "absolute path");
        fails(new MapSettings(), "signing-key-store", "is not set");
    }

    @Test
    void certificatesOfATrustStoreInPkcs12JksOrPem() {
        Path p12 = TestKeyStores.withCertificates(dir.resolve("trust.p12"), "PKCS12", PASSWORD, RSA_CERTIFICATE, EC_CERTIFICATE);
        assertEquals(2, KeyFiles.certificates(settings(p12), KEYS).size());
        Path jks = TestKeyStores.withCertificates(dir.resolve("trust.jks"), "JKS", PASSWORD, RSA_CERTIFICATE);
        assertEquals(List.of(RSA_CERTIFICATE), KeyFiles.certificates(new MapSettings().with("signing-key-store", jks.toString()), KEYS));
        Path pem = TestKeyStores.pemCertificates(dir.resolve("trust.pem"), RSA_CERTIFICATE, EC_CERTIFICATE);
        assertEquals(List.of(RSA_CERTIFICATE, EC_CERTIFICATE), KeyFiles.certificates(settings(pem), KEYS));

        Path keyOnly = TestKeyStores.pem(dir.resolve("key.pem"), RSA, null);
        fails(settings(keyOnly), "signing-key-store", "holds no PEM CERTIFICATE block", true);
        fails(settings(p12).with("signing-key-store-password", "wrong-password"), "signing-key-store-password", "does not open", true);
    }

    /**
     * A JKS trust store's password only checks its integrity; a PKCS#12 store as the JDK writes it
     * encrypts its certificates, and without the password the problem says to set it (it said the
     * store held no certificate).
     */
    @Test
    void aTrustStoreWithoutItsPasswordConfigured() {
        Path jks = TestKeyStores.withCertificates(dir.resolve("trust.jks"), "JKS", PASSWORD, RSA_CERTIFICATE, EC_CERTIFICATE);
        assertEquals(2, KeyFiles.certificates(new MapSettings().with("signing-key-store", jks.toString()), KEYS).size());

        Path p12 = TestKeyStores.withCertificates(dir.resolve("trust.p12"), "PKCS12", PASSWORD, RSA_CERTIFICATE, EC_CERTIFICATE);
        fails(new MapSettings().with("signing-key-store", p12.toString()), "signing-key-store",
                "readable without its password: set tollgate.c.signing-key-store-password", true);
    }

    @Test
    void aPemWithTextAroundItsBlocks() throws Exception {
        // openssl pkcs12 -nodes writes "Bag Attributes" before each block, with the entry's friendly name
        String text = "Bag Attributes\n    friendlyName: clé de signature\n" + TestKeyStores.block("PRIVATE KEY", RSA.getPrivate().getEncoded())
                + "subject=CN = rsa\r\n" + TestKeyStores.block("CERTIFICATE", RSA_CERTIFICATE.getEncoded()).replace("\n", "\r\n");
        Path pem = Files.writeString(dir.resolve("exported.pem"), text, java.nio.charset.StandardCharsets.UTF_8);

        KeyFiles.KeyEntry entry = KeyFiles.privateKey(settings(pem), KEYS);

        assertEquals(RSA.getPrivate(), entry.key());
        assertEquals(List.of(RSA_CERTIFICATE), entry.chain());
    }

    /** A path to a big file by mistake is refused before it is read into memory. */
    @Test
    void aFileFarTooLargeForAKeyStore() throws IOException {
        Path big = dir.resolve("huge.pem");
        try (var file = new java.io.RandomAccessFile(big.toFile(), "rw")) {
            file.setLength(KeyFiles.MAX_FILE_BYTES + 1); // sparse: nothing written
        }
        fails(settings(big), "signing-key-store", "more than 4 MiB");
        fails(settings(big), "signing-key-store", "more than 4 MiB", true);
    }

    /**
     * A PEM file with several keys (two files concatenated, a key pasted before the old one) does
     * not say which one signs: it is refused naming the key (the last one was used, silently).
     */
    @Test
    void aPemWithSeveralPrivateKeys() throws Exception {
        Path pem = Files.writeString(dir.resolve("two.pem"), TestKeyStores.block("PRIVATE KEY", RSA.getPrivate().getEncoded())
                + TestKeyStores.block("PRIVATE KEY", EC.getPrivate().getEncoded())
                + TestKeyStores.block("CERTIFICATE", RSA_CERTIFICATE.getEncoded()));

        fails(settings(pem), "signing-key-store", "holds 2 PEM PRIVATE KEY blocks");
    }

    /**
     * An EC key (and certificate) written with explicit curve parameters ({@code openssl ecparam
     * -param_enc explicit}), which the JDK cannot read: the problem says so instead of blaming the
     * right password (PKCS#12) or calling it no EC key (PEM).
     */
    @Test
    void anEcKeyWithExplicitCurveParameters() throws Exception {
        assumeTrue(openssl("version"), "needs openssl to write the key");
        Path key = dir.resolve("explicit.pem");
        Path certificate = dir.resolve("explicit.crt");
        Path p12 = dir.resolve("explicit.p12");
        assertTrue(openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-pkeyopt",
                "ec_param_enc:explicit", "-out", key.toString()));
        assertTrue(openssl("req", "-new", "-x509", "-key", key.toString(), "-subj", "/CN=explicit", "-days", "2",
                "-out", certificate.toString()));
        assertTrue(openssl("pkcs12", "-export", "-inkey", key.toString(), "-in", certificate.toString(),
                "-passout", "env:STORE_PASSWORD", "-out", p12.toString()));

        fails(settings(key), "signing-key-store", "explicit curve parameters");
        fails(settings(p12), "signing-key-store", "explicit curve parameters");
    }

    /**
     * A symbolic link to a key store (as certificate rotation tools leave them) is read; a FIFO
     * (read, it would block deployment until something writes to it) and a link to one are not.
     */
    @Test
    void aLinkIsFollowedButAFifoIsNeverOpened() throws Exception {
        Path p12 = TestKeyStores.withKey(dir.resolve("one.p12"), "PKCS12", PASSWORD, "signing", PASSWORD, RSA, RSA_CERTIFICATE);
        Path link = Files.createSymbolicLink(dir.resolve("current.p12"), p12);
        assertEquals(RSA.getPrivate(), KeyFiles.privateKey(settings(link), KEYS).key());

        Path fifo = dir.resolve("pipe.p12");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeTrue(mkfifo.waitFor(30, java.util.concurrent.TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "needs mkfifo");
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(20), () -> {
            fails(settings(fifo), "signing-key-store", "names no file");
            fails(settings(Files.createSymbolicLink(dir.resolve("pipe-link.pem"), fifo)), "signing-key-store", "names no file", true);
        });
    }

    /**
     * A PEM key followed by another key's certificate (the wrong file appended) is refused: the
     * entry's first certificate is the key's own, which a TLS server checks the handshake's
     * signature against (it failed there, as an unreachable server).
     */
    @Test
    void aPemKeyFollowedByAnotherKeysCertificate() throws Exception {
        Path rsaWithEcCertificate = Files.writeString(dir.resolve("mixed.pem"),
                TestKeyStores.block("PRIVATE KEY", RSA.getPrivate().getEncoded())
                        + TestKeyStores.block("CERTIFICATE", EC_CERTIFICATE.getEncoded()));
        fails(settings(rsaWithEcCertificate), "signing-key-store", "is not its private key's own");

        KeyPair otherRsa = TestCertificates.rsa(2048);
        Path rsaWithOtherRsaCertificate = Files.writeString(dir.resolve("other.pem"),
                TestKeyStores.block("PRIVATE KEY", otherRsa.getPrivate().getEncoded())
                        + TestKeyStores.block("CERTIFICATE", RSA_CERTIFICATE.getEncoded()));
        fails(settings(rsaWithOtherRsaCertificate), "signing-key-store", "is not its private key's own");

        Path ecWithOwnChain = TestKeyStores.pem(dir.resolve("ec-own.pem"), EC, EC_CERTIFICATE);
        assertEquals(List.of(EC_CERTIFICATE), KeyFiles.privateKey(settings(ecWithOwnChain), KEYS).chain());
    }

    /**
     * A legacy encrypted key ({@code openssl rsa -aes256 -traditional}: {@code Proc-Type} and
     * {@code DEK-Info} headers in its block) is told to be converted; the problem said the file
     * held no PRIVATE KEY block at all, which its administrator could see was not so.
     */
    @Test
    void aLegacyEncryptedPemKeyWithHeaders() throws IOException {
        String block = TestKeyStores.block("RSA PRIVATE KEY", new byte[] {0x30, 0x00});
        String legacy = block.replaceFirst("-----\n", "-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC,0123456789ABCDEF0123456789ABCDEF\n\n");
        Path pem = Files.writeString(dir.resolve("legacy.key"), legacy);

        fails(settings(pem), "signing-key-store", "openssl pkcs8 -topk8 -nocrypt");
    }

    /** Runs openssl (the store password through its environment); true when it succeeded. */
    private static boolean openssl(String... arguments) throws InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("STORE_PASSWORD", PASSWORD);
        try {
            Process process = builder.start();
            return process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException noOpenssl) {
            return false;
        }
    }

    private Path twoKeys(String name, String type) throws Exception {
        KeyStore store = KeyStore.getInstance(type);
        store.load(null, null);
        store.setKeyEntry("rsa", RSA.getPrivate(), PASSWORD.toCharArray(), new Certificate[] {RSA_CERTIFICATE});
        store.setKeyEntry("ec", EC.getPrivate(), PASSWORD.toCharArray(), new Certificate[] {EC_CERTIFICATE});
        store.setCertificateEntry("trusted", RSA_CERTIFICATE);
        Path file = dir.resolve(name);
        try (var out = Files.newOutputStream(file)) {
            store.store(out, PASSWORD.toCharArray());
        }
        return file;
    }
}
