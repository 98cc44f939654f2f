package dev.tollgate.testkit.pki;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Base64;

/**
 * Writes test keys as an administrator would hand them over: a PKCS#12 or JKS key store with a
 * private key entry (optionally with its own key password) or trusted certificates, or a PEM file
 * (PKCS#8 {@code PRIVATE KEY} followed by its {@code CERTIFICATE}).
 */
public final class TestKeyStores {

    private TestKeyStores() {
    }

    /** A store of {@code type} ({@code PKCS12} or {@code JKS}) holding one private key entry. */
    public static Path withKey(Path file, String type, String storePassword, String alias, String keyPassword,
                               KeyPair key, X509Certificate certificate) {
        return write(file, type, storePassword, store -> store.setKeyEntry(alias, key.getPrivate(), keyPassword.toCharArray(),
                new Certificate[] {certificate}));
    }

    /** A store of {@code type} holding {@code certificates} as trusted entries {@code cert-0}, {@code cert-1}, ... */
    public static Path withCertificates(Path file, String type, String storePassword, X509Certificate... certificates) {
        return write(file, type, storePassword, store -> {
            for (int i = 0; i < certificates.length; i++) {
                store.setCertificateEntry("cert-" + i, certificates[i]);
            }
        });
    }

    /** A PEM file: the unencrypted PKCS#8 private key, then its certificate when given. */
    public static Path pem(Path file, KeyPair key, X509Certificate certificate) {
        StringBuilder text = new StringBuilder(block("PRIVATE KEY", key.getPrivate().getEncoded()));
        if (certificate != null) {
            try {
                text.append(block("CERTIFICATE", certificate.getEncoded()));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
        return writeString(file, text.toString());
    }

    /** A PEM file of {@code CERTIFICATE} blocks. */
    public static Path pemCertificates(Path file, X509Certificate... certificates) {
        StringBuilder text = new StringBuilder();
        for (X509Certificate certificate : certificates) {
            try {
                text.append(block("CERTIFICATE", certificate.getEncoded()));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
        return writeString(file, text.toString());
    }

    /** One PEM block (RFC 7468): Base64 in lines of 64 characters. */
    public static String block(String label, byte[] der) {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + base64 + "\n-----END " + label + "-----\n";
    }

    private interface Fill {
        void into(KeyStore store) throws GeneralSecurityException;
    }

    private static Path write(Path file, String type, String storePassword, Fill fill) {
        try {
            KeyStore store = KeyStore.getInstance(type);
            store.load(null, null);
            fill.into(store);
            try (OutputStream out = Files.newOutputStream(file)) {
                store.store(out, storePassword.toCharArray());
            }
            return file;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not write a test " + type + " store", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path writeString(Path file, String text) {
        try {
            return Files.writeString(file, text, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
