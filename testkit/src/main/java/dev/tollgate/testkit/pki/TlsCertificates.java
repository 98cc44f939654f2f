package dev.tollgate.testkit.pki;

import dev.tollgate.testkit.log.ConfiguredSecrets;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * Keys and certificates for mutual TLS tests, made when the test runs: a CA, certificates it
 * signs, self-signed ones, each in a PKCS#12 key store (and as PEM when asked), plus trust stores.
 * Made with the JDK's own {@code keytool} (a process per key pair or signature): no certificate
 * library is needed, and the JDK writes what an administrator's {@code keytool} would. EC P-256
 * keys, quick to make. Store passwords are random and noted as configured secrets, so the test
 * run's log scan looks for them.
 *
 * <p>Validity is explicit: the engine and the simulators judge certificates by the tests' movable
 * clock, and the JDK's TLS by the real one, so the default window ({@link #ALWAYS}) covers both.
 */
public final class TlsCertificates {

    /** Valid from 2020 to 2119: at any instant a test's clock or the real clock shows. */
    public static final Validity ALWAYS = new Validity(Instant.parse("2020-01-01T00:00:00Z"), Duration.ofDays(36_500));

    /** From {@code notBefore}, for {@code length}. */
    public record Validity(Instant notBefore, Duration length) {

        public Instant notAfter() {
            return notBefore.plus(length);
        }
    }

    /** One key pair and its certificate chain (its own certificate first), in {@link #keyStore}. */
    public record Issued(String alias, Path keyStore, String password, PrivateKey key, List<X509Certificate> chain) {

        public Issued {
            chain = List.copyOf(chain);
        }

        public X509Certificate certificate() {
            return chain.get(0);
        }

        /** RFC 8705 §3.1: base64url (no padding) of the SHA-256 of the certificate's DER. */
        public String thumbprint() {
            return TlsCertificates.thumbprint(certificate());
        }

        @Override
        public String toString() {
            return "Issued[" + alias + ", " + certificate().getSubjectX500Principal() + "]"; // no key, no password
        }
    }

    private static final DateTimeFormatter KEYTOOL_DATE = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PASSWORD_VARIABLE = "TOLLGATE_TEST_KEYTOOL_PASSWORD";

    private final Path directory;
    private final AtomicInteger files = new AtomicInteger();

    private TlsCertificates(Path directory) {
        this.directory = directory;
    }

    /**
     * Writes its files into {@code directory} (a test's temporary directory, or one under
     * {@code target/}), which it creates readable by the current user only: the files hold keys.
     */
    public static TlsCertificates in(Path directory) {
        try {
            Files.createDirectories(directory);
            if (directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(directory, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new TlsCertificates(directory);
    }

    /** A certificate authority: self-signed, {@code BasicConstraints CA:true}. */
    public Issued authority(String commonName) {
        return selfSigned(commonName, ALWAYS, "bc:c=ca:true", "ku:c=keyCertSign,cRLSign");
    }

    /** A self-signed end-entity certificate, valid {@code validity}. */
    public Issued selfSigned(String commonName, Validity validity) {
        return selfSigned(commonName, validity, "ku=digitalSignature", "eku=clientAuth,serverAuth", "san=ip:127.0.0.1");
    }

    /** A self-signed end-entity certificate, valid always. */
    public Issued selfSigned(String commonName) {
        return selfSigned(commonName, ALWAYS);
    }

    /**
     * A self-signed certificate, valid always, with exactly the {@code keytool -ext} values given
     * (e.g. {@code "eku=serverAuth"}: a certificate not meant for TLS clients).
     */
    public Issued selfSignedWith(String commonName, String... extensions) {
        return selfSigned(commonName, ALWAYS, extensions);
    }

    /**
     * An end-entity certificate {@code ca} signs, for {@code 127.0.0.1} (so it serves a loopback
     * listener too) and for TLS clients; its store holds the chain {@code [leaf, ca]}.
     */
    public Issued signedBy(Issued ca, String commonName, Validity validity) {
        return signed(ca, commonName, validity, "ku=digitalSignature", "eku=clientAuth,serverAuth", "san=ip:127.0.0.1");
    }

    /**
     * A certificate {@code ca} signs, valid always, with exactly the {@code keytool -ext} values
     * given (e.g. {@code "eku=serverAuth"}: a certificate its CA did not issue for TLS clients).
     */
    public Issued signedByWith(Issued ca, String commonName, String... extensions) {
        return signed(ca, commonName, ALWAYS, extensions);
    }

    /** An intermediate CA {@code ca} signs, valid {@code validity}: what it signs carries the chain {@code [leaf, intermediate]}. */
    public Issued intermediate(Issued ca, String commonName, Validity validity) {
        return signed(ca, commonName, validity, "bc:c=ca:true", "ku:c=keyCertSign,cRLSign");
    }

    private Issued signed(Issued ca, String commonName, Validity validity, String... extensions) {
        Issued request = selfSigned(commonName, validity, "ku=digitalSignature");
        String csr = keytool(null, request.password(), "-certreq", "-keystore", request.keyStore().toString(), "-storetype", "PKCS12",
                "-storepass:env", PASSWORD_VARIABLE, "-alias", request.alias());
        List<String> args = new ArrayList<>(List.of("-gencert", "-rfc", "-keystore", ca.keyStore().toString(), "-storetype", "PKCS12",
                "-storepass:env", PASSWORD_VARIABLE, "-alias", ca.alias(), "-sigalg", "SHA256withECDSA",
                "-startdate", KEYTOOL_DATE.format(validity.notBefore()), "-validity", String.valueOf(validity.length().toDays())));
        for (String extension : extensions) {
            args.add("-ext");
            args.add(extension);
        }
        String signed = keytool(csr, ca.password(), args.toArray(String[]::new));
        // keytool prints the new certificate, then the signer's own chain when it has one: the
        // certificate, then the signer's chain as its store holds it (an intermediate's included)
        List<X509Certificate> chain = new ArrayList<>(List.of(parse(signed).get(0)));
        chain.addAll(ca.chain());
        return rewritten(request, chain);
    }

    /** {@link #signedBy(Issued, String, Validity)}, valid always. */
    public Issued signedBy(Issued ca, String commonName) {
        return signedBy(ca, commonName, ALWAYS);
    }

    /** A PKCS#12 trust store holding {@code certificates} as trusted entries, with {@code password}. */
    public Path trustStore(String password, X509Certificate... certificates) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (int i = 0; i < certificates.length; i++) {
                store.setCertificateEntry("trusted-" + i, certificates[i]);
            }
            Path file = next("truststore", ".p12");
            try (OutputStream out = Files.newOutputStream(file)) {
                store.store(out, password.toCharArray());
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The key (unencrypted PKCS#8) and its chain in one PEM file. */
    public Path pem(Issued issued) {
        StringBuilder text = new StringBuilder(pemBlock("PRIVATE KEY", issued.key().getEncoded()));
        for (X509Certificate c : issued.chain()) {
            text.append(pemBlock("CERTIFICATE", encoded(c)));
        }
        return write(next(issued.alias(), ".pem"), text.toString());
    }

    /** Certificates alone as PEM (a trust file). */
    public Path pem(X509Certificate... certificates) {
        StringBuilder text = new StringBuilder();
        for (X509Certificate c : certificates) {
            text.append(pemBlock("CERTIFICATE", encoded(c)));
        }
        return write(next("certificates", ".pem"), text.toString());
    }

    /** A TLS context presenting {@code identity}, trusting {@code trusted} (the JVM's defaults when none). */
    public static SSLContext context(Issued identity, X509Certificate... trusted) {
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            char[] password = identity.password().toCharArray();
            keys.setKeyEntry(identity.alias(), identity.key(), password, identity.chain().toArray(Certificate[]::new));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), trustManagers(trusted), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A TLS context with no certificate of its own, trusting {@code trusted}. */
    public static SSLContext trusting(X509Certificate... trusted) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trustManagers(trusted), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** RFC 8705 §3.1: base64url (no padding) of the SHA-256 of the certificate's DER. */
    public static String thumbprint(X509Certificate certificate) {
        try {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static TrustManager[] trustManagers(X509Certificate... trusted) throws GeneralSecurityException, IOException {
        if (trusted.length == 0) {
            return null;
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        for (int i = 0; i < trusted.length; i++) {
            store.setCertificateEntry("trusted-" + i, trusted[i]);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        return tmf.getTrustManagers();
    }

    private Issued selfSigned(String commonName, Validity validity, String... extensions) {
        String alias = commonName.toLowerCase().replaceAll("[^a-z0-9]+", "-");
        Path store = next(alias, ".p12");
        String password = ConfiguredSecrets.record(password());
        List<String> args = new ArrayList<>(List.of("-genkeypair", "-keystore", store.toString(), "-storetype", "PKCS12",
                "-storepass:env", PASSWORD_VARIABLE, "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1",
                "-sigalg", "SHA256withECDSA", "-dname", "CN=" + commonName + ", O=Tollgate tests",
                "-startdate", KEYTOOL_DATE.format(validity.notBefore()), "-validity", String.valueOf(validity.length().toDays())));
        for (String extension : extensions) {
            args.add("-ext");
            args.add(extension);
        }
        keytool(null, password, args.toArray(String[]::new));
        return read(alias, store, password);
    }

    private static Issued read(String alias, Path file, String password) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
            PrivateKey key = (PrivateKey) store.getKey(alias, password.toCharArray());
            List<X509Certificate> chain = new ArrayList<>();
            for (Certificate c : store.getCertificateChain(alias)) {
                chain.add((X509Certificate) c);
            }
            return new Issued(alias, file, password, key, chain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same key in its store, now with {@code chain}. */
    private static Issued rewritten(Issued issued, List<X509Certificate> chain) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(issued.alias(), issued.key(), issued.password().toCharArray(), chain.toArray(Certificate[]::new));
            try (OutputStream out = Files.newOutputStream(issued.keyStore())) {
                store.store(out, issued.password().toCharArray());
            }
            return new Issued(issued.alias(), issued.keyStore(), issued.password(), issued.key(), chain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs keytool; {@code password} reaches it in an environment variable
     * ({@code -storepass:env}), never on its command line, which other users can list.
     */
    private static String keytool(String input, String password, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        // a short-lived JVM: its start-up is most of keytool's time (about 0.6 s instead of 1 s)
        command.addAll(List.of("-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC"));
        command.addAll(List.of(args));
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put(PASSWORD_VARIABLE, password);
            Process process = builder.start();
            if (input != null) {
                try (OutputStream in = process.getOutputStream()) {
                    in.write(input.getBytes(StandardCharsets.US_ASCII));
                }
            } else {
                process.getOutputStream().close();
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                // keytool's output names the option at fault; it holds no password (those are arguments)
                throw new IllegalStateException("keytool " + args[0] + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<X509Certificate> parse(String pem) {
        try {
            List<X509Certificate> certificates = new ArrayList<>();
            for (Certificate c : CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
                certificates.add((X509Certificate) c);
            }
            return certificates;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pemBlock(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static String password() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return "pw-" + HexFormat.of().formatHex(bytes);
    }

    /** A new file's path; a file left there by an earlier run is removed (keytool would add to it). */
    private Path next(String name, String extension) {
        Path file = directory.resolve(name + "-" + files.incrementAndGet() + extension);
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private static Path write(Path file, String text) {
        try {
            return Files.writeString(file, text, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
