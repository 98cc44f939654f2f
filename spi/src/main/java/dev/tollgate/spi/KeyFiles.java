package dev.tollgate.spi;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Private keys and certificates an administrator names in configuration: a PKCS#12 or JKS key
 * store (path, type, password, alias, key password) or a PEM file (an unencrypted PKCS#8
 * {@code PRIVATE KEY}, optionally followed by its {@code CERTIFICATE} chain). Every problem is a
 * {@link dev.tollgate.api.TollgateConfigException} naming the key to fix; no password, key or file
 * content is ever part of a message.
 *
 * <pre>{@code
 * KeyFiles.Keys keys = KeyFiles.keys("signing-key-store");   // signing-key-store, -type, -password, signing-key-alias, signing-key-password
 * KeyFiles.KeyEntry entry = KeyFiles.privateKey(settings, keys);
 * }</pre>
 */
public final class KeyFiles {

    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");

    /** The start of any private key block, also one {@link #PEM} does not take (with headers). */
    private static final Pattern PRIVATE_KEY_BEGIN = Pattern.compile("-----BEGIN ([A-Z0-9 ]*PRIVATE KEY)-----");

    /** Far above any key store or CA bundle (a system's whole CA bundle is under 1 MiB). */
    static final long MAX_FILE_BYTES = 4L * 1024 * 1024;

    /**
     * The JDK lists a PKCS#12 certificate without a key only when it carries the JDK's own trust
     * attribute, which {@code keytool} writes and {@code openssl pkcs12 -export -nokeys} does not.
     */
    private static final String NO_TRUSTED_PKCS12 = "holds no certificate the JDK takes as trusted (a PKCS#12 trust store"
            + " written by openssl lacks the JDK's trust attribute: write it with keytool -importcert, or openssl 3.2's"
            + " pkcs12 -jdktrust anyExtendedKeyUsage, or give the CA certificates as a PEM file)";

    /** A key store given where a trust store belongs (its line copied): the client would trust no server. */
    private static final String NOT_A_KEY_STORE = "a trust store holds only the certificates of the servers or CAs the"
            + " client trusts (is it the key store?)";

    private KeyFiles() {
    }

    /**
     * The names of the keys that describe one key store: {@code store} (the file's path),
     * {@code type} ({@code PKCS12}, {@code JKS} or {@code PEM}; by default from the file's
     * extension: {@code .jks} is JKS, {@code .pem} PEM, anything else PKCS#12), {@code password}
     * (the store's), {@code alias} (the entry; optional when the store holds one key),
     * {@code keyPassword} (the entry's, when it differs from the store's).
     */
    public record Keys(String store, String type, String password, String alias, String keyPassword) {
    }

    /**
     * The usual names for a store named by {@code storeKey}: {@code <storeKey>}, {@code <storeKey>-type},
     * {@code <storeKey>-password}, and for the entry {@code <prefix>-alias}, {@code <prefix>-password}
     * where {@code prefix} is {@code storeKey} without its trailing {@code -store}
     * ({@code signing-key-store} gives {@code signing-key-alias} and {@code signing-key-password}).
     */
    public static Keys keys(String storeKey) {
        String prefix = storeKey.endsWith("-store") ? storeKey.substring(0, storeKey.length() - "-store".length()) : storeKey;
        return new Keys(storeKey, storeKey + "-type", storeKey + "-password", prefix + "-alias", prefix + "-password");
    }

    /** A private key and its certificate chain, the key's own certificate first (empty for a PEM key without one). */
    public record KeyEntry(PrivateKey key, List<X509Certificate> chain) {

        public KeyEntry {
            chain = List.copyOf(chain);
        }

        public Optional<X509Certificate> certificate() {
            return chain.isEmpty() ? Optional.empty() : Optional.of(chain.get(0));
        }

        @Override
        public String toString() {
            return "KeyEntry[" + key.getAlgorithm() + ", " + chain.size() + " certificate(s)]"; // never the key
        }
    }

    /** True when {@code keys.store()} is configured. */
    public static boolean isConfigured(TenantSettings settings, Keys keys) {
        return settings.get(keys.store()).isPresent();
    }

    /** The private key (and its chain) the keys name; an error naming the key to fix otherwise. */
    public static KeyEntry privateKey(TenantSettings settings, Keys keys) {
        return ownCertificateFirst(settings, keys.store(), entry(settings, keys));
    }

    private static KeyEntry entry(TenantSettings settings, Keys keys) {
        Path path = readablePath(settings, keys.store());
        if (type(settings, keys).equals("PEM")) {
            return pemEntry(settings, keys.store(), path);
        }
        KeyStore store = load(settings, keys, path);
        String alias = alias(settings, keys, store);
        char[] keyPassword = settings.get(keys.keyPassword()).or(() -> settings.get(keys.password())).orElse("").toCharArray();
        try {
            if (!store.isKeyEntry(alias)) {
                throw settings.invalid(keys.alias(), "names an entry of " + settings.keyName(keys.store()) + " that holds no private key");
            }
            Key key = store.getKey(alias, keyPassword);
            if (!(key instanceof PrivateKey privateKey)) {
                throw settings.invalid(keys.alias(), "names an entry of " + settings.keyName(keys.store()) + " that holds no private key");
            }
            Certificate[] chain = store.getCertificateChain(alias);
            List<X509Certificate> certificates = new ArrayList<>();
            for (Certificate c : chain == null ? new Certificate[0] : chain) {
                certificates.add((X509Certificate) c);
            }
            return new KeyEntry(privateKey, certificates);
        } catch (UnrecoverableKeyException e) {
            String key = settings.get(keys.keyPassword()).isPresent() ? keys.keyPassword() : keys.password();
            throw settings.invalid(key, "does not open the private key '" + alias + "' of " + settings.keyName(keys.store())
                    + (key.equals(keys.password()) ? " (set " + settings.keyName(keys.keyPassword()) + " when the key has a password of its own)" : ""));
        } catch (GeneralSecurityException e) {
            throw settings.invalid(keys.store(), "could not be read (" + e.getClass().getSimpleName() + ")");
        } finally {
            java.util.Arrays.fill(keyPassword, '\0');
        }
    }

    /**
     * The entry's first certificate must be its key's own ({@link KeyEntry#certificate}): a store
     * given another certificate, or a PEM file listing the CA before the client's certificate, would
     * present a certificate its key cannot prove, and the server would refuse every handshake.
     */
    private static KeyEntry ownCertificateFirst(TenantSettings settings, String key, KeyEntry entry) {
        if (entry.certificate().isPresent() && !KeyCertificateMatch.matches(entry.key(), entry.certificate().get().getPublicKey())) {
            throw settings.invalid(key, "holds a certificate that is not its private key's own (subject "
                    + entry.certificate().get().getSubjectX500Principal().getName() + "): the key's certificate comes first,"
                    + " then its CA certificates (in a PEM file: the key, its certificate, then the CAs)");
        }
        return entry;
    }

    /**
     * Every certificate of a key store used to trust servers (a trust store: its
     * {@code password} is optional for JKS, which checks integrity with it, and for a PKCS#12 store
     * whose certificates are not encrypted; the JDK encrypts them by default), or of a PEM file of
     * {@code CERTIFICATE} blocks.
     */
    public static List<X509Certificate> certificates(TenantSettings settings, Keys keys) {
        Path path = readablePath(settings, keys.store());
        if (type(settings, keys).equals("PEM")) {
            String text = read(settings, keys.store(), path);
            List<X509Certificate> certificates = pemCertificates(settings, keys.store(), text);
            if (certificates.isEmpty()) {
                throw settings.invalid(keys.store(), "holds no PEM CERTIFICATE block");
            }
            if (holdsPrivateKey(text)) {
                throw settings.invalid(keys.store(), "holds a private key: " + NOT_A_KEY_STORE);
            }
            return certificates;
        }
        KeyStore store = load(settings, keys, path);
        try {
            List<X509Certificate> certificates = new ArrayList<>();
            boolean trustedEntry = false;
            for (String alias : Collections.list(store.aliases())) {
                if (store.getCertificate(alias) instanceof X509Certificate c) {
                    certificates.add(c);
                    trustedEntry |= store.isCertificateEntry(alias);
                }
            }
            if (!certificates.isEmpty() && !trustedEntry) {
                // only the certificates of key entries: the client's own, which no server presents
                throw settings.invalid(keys.store(), "holds private keys and no trusted certificate: " + NOT_A_KEY_STORE);
            }
            if (certificates.isEmpty()) {
                // a PKCS#12 store encrypts its certificates (the JDK's default since 17): without
                // the password they are skipped, not refused
                throw settings.get(keys.password()).isEmpty()
                        ? settings.invalid(keys.store(), "holds no certificate readable without its password: set "
                        + settings.keyName(keys.password()))
                        : type(settings, keys).equals("PKCS12") ? settings.invalid(keys.store(), NO_TRUSTED_PKCS12)
                        : settings.invalid(keys.store(), "holds no certificate");
            }
            return certificates;
        } catch (GeneralSecurityException e) {
            throw settings.invalid(keys.store(), "could not be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static String type(TenantSettings settings, Keys keys) {
        Optional<String> configured = settings.get(keys.type()).map(t -> t.trim().toUpperCase(Locale.ROOT));
        if (configured.isPresent()) {
            String t = configured.get().equals("P12") || configured.get().equals("PFX") ? "PKCS12" : configured.get();
            if (!List.of("PKCS12", "JKS", "PEM").contains(t)) {
                throw settings.invalid(keys.type(), "must be PKCS12, JKS or PEM");
            }
            return t;
        }
        String name = settings.require(keys.store(), "key store file").trim().toLowerCase(Locale.ROOT);
        return name.endsWith(".jks") ? "JKS" : name.endsWith(".pem") || name.endsWith(".crt") || name.endsWith(".key") ? "PEM" : "PKCS12";
    }

    private static Path readablePath(TenantSettings settings, String key) {
        String raw = settings.require(key, "key store file").trim();
        Path path;
        try {
            path = Path.of(raw);
        } catch (RuntimeException e) {
            throw settings.invalid(key, "is not a file path");
        }
        if (!path.isAbsolute()) {
            throw settings.invalid(key, "must be an absolute path (the server's working directory is not yours to rely on)");
        }
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw settings.invalid(key, "names no file this server can read");
        }
        try {
            // read whole: a path to a log or a disk image by mistake must not fill the heap
            if (Files.size(path) > MAX_FILE_BYTES) {
                throw settings.invalid(key, "names a file of more than " + MAX_FILE_BYTES / (1024 * 1024)
                        + " MiB, which is no key store or PEM file");
            }
        } catch (IOException e) {
            throw settings.invalid(key, "names no file this server can read");
        }
        return path;
    }

    private static KeyStore load(TenantSettings settings, Keys keys, Path path) {
        String type = type(settings, keys);
        Optional<String> password = settings.get(keys.password());
        char[] chars = password.map(String::toCharArray).orElse(null);
        try (InputStream in = Files.newInputStream(path)) {
            KeyStore store = KeyStore.getInstance(type);
            store.load(in, chars);
            return store;
        } catch (IOException e) {
            // the JDK reports a certificate it cannot parse as a wrong password, the parser's complaint in the message only
            String why = e.getCause() == null ? "" : String.valueOf(e.getCause().getMessage());
            if (why.contains("Only named ECParameters supported")) {
                throw settings.invalid(keys.store(), "holds an EC key or certificate " + EXPLICIT_EC);
            }
            if (why.contains("CertificateParsingException")) {
                throw settings.invalid(keys.store(), "holds a certificate this JVM cannot read");
            }
            if (e.getCause() instanceof UnrecoverableKeyException || String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("password")) {
                throw password.isPresent()
                        ? settings.invalid(keys.password(), "does not open " + settings.keyName(keys.store()))
                        : settings.invalid(keys.store(), "needs a password: set " + settings.keyName(keys.password()));
            }
            throw settings.invalid(keys.store(), "is not a " + type + " key store (set " + settings.keyName(keys.type())
                    + " when its extension does not say)");
        } catch (GeneralSecurityException e) {
            throw settings.invalid(keys.store(), "could not be read as " + type + " (" + e.getClass().getSimpleName() + ")");
        } finally {
            if (chars != null) {
                java.util.Arrays.fill(chars, '\0');
            }
        }
    }

    private static String alias(TenantSettings settings, Keys keys, KeyStore store) {
        try {
            Optional<String> alias = settings.get(keys.alias()).map(String::trim);
            if (alias.isPresent()) {
                if (!store.containsAlias(alias.get())) {
                    throw settings.invalid(keys.alias(), "names no entry of " + settings.keyName(keys.store()));
                }
                return alias.get();
            }
            List<String> keyAliases = new ArrayList<>();
            for (String a : Collections.list(store.aliases())) {
                if (store.isKeyEntry(a)) {
                    keyAliases.add(a);
                }
            }
            if (keyAliases.size() != 1) {
                throw settings.invalid(keys.store(), keyAliases.isEmpty() ? "holds no private key"
                        : "holds " + keyAliases.size() + " private keys: set " + settings.keyName(keys.alias()) + " to the one to use");
            }
            return keyAliases.get(0);
        } catch (java.security.KeyStoreException e) {
            throw settings.invalid(keys.store(), "could not be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static KeyEntry pemEntry(TenantSettings settings, String key, Path path) {
        String text = read(settings, key, path);
        PrivateKey privateKey = null;
        int keys = 0;
        Matcher m = PEM.matcher(text);
        while (m.find()) {
            if (m.group(1).equals("PRIVATE KEY")) {
                keys++;
                privateKey = pkcs8(settings, key, decode(settings, key, m.group(2)));
            } else if (m.group(1).endsWith("PRIVATE KEY")) {
                throw settings.invalid(key, "holds a " + m.group(1) + " block; convert it to an unencrypted PKCS#8 PRIVATE KEY"
                        + " (openssl pkcs8 -topk8 -nocrypt) or use a PKCS#12 key store");
            }
        }
        if (privateKey == null) {
            Matcher legacy = PRIVATE_KEY_BEGIN.matcher(text);
            if (legacy.find()) {
                // the old OpenSSL encryption puts Proc-Type and DEK-Info headers in the block, which is then no plain PEM block
                throw settings.invalid(key, "holds a " + legacy.group(1) + " block with headers (an encrypted key in the old OpenSSL"
                        + " form); convert it to an unencrypted PKCS#8 PRIVATE KEY (openssl pkcs8 -topk8 -nocrypt) or use a PKCS#12 key store");
            }
            throw settings.invalid(key, "holds no PEM PRIVATE KEY block");
        }
        if (keys > 1) {
            // two files pasted together, a new key put before the old one: which one the server knows is not ours to guess
            throw settings.invalid(key, "holds " + keys + " PEM PRIVATE KEY blocks; keep the one key to use (and its certificates)");
        }
        return new KeyEntry(privateKey, pemCertificates(settings, key, text));
    }

    private static PrivateKey pkcs8(TenantSettings settings, String key, byte[] der) {
        for (String algorithm : List.of("RSA", "EC", "RSASSA-PSS", "Ed25519")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException notThisAlgorithm) {
                // try the next
            }
        }
        if (hasExplicitEcParameters(der)) {
            throw settings.invalid(key, "holds an EC PRIVATE KEY " + EXPLICIT_EC);
        }
        throw settings.invalid(key, "holds a PRIVATE KEY that is not an RSA or EC key");
    }

    /** id-ecPublicKey (1.2.840.10045.2.1), DER-encoded: its parameters follow it. */
    private static final byte[] EC_PUBLIC_KEY_OID = {0x06, 0x07, 0x2A, (byte) 0x86, 0x48, (byte) 0xCE, 0x3D, 0x02, 0x01};

    private static final String EXPLICIT_EC = "with explicit curve parameters, which Java cannot read; write it with its named curve"
            + " (openssl ec -param_enc named_curve, or openssl genpkey without ec_param_enc:explicit)";

    /**
     * True when the key's algorithm is EC with its curve spelled out (a SEQUENCE) instead of named
     * (an OID), as {@code openssl ecparam -param_enc explicit} writes: the JDK reads named curves only.
     */
    private static boolean hasExplicitEcParameters(byte[] der) {
        outer:
        for (int i = 0; i + EC_PUBLIC_KEY_OID.length < der.length; i++) {
            for (int j = 0; j < EC_PUBLIC_KEY_OID.length; j++) {
                if (der[i + j] != EC_PUBLIC_KEY_OID[j]) {
                    continue outer;
                }
            }
            return der[i + EC_PUBLIC_KEY_OID.length] == 0x30;
        }
        return false;
    }

    private static boolean holdsPrivateKey(String text) {
        Matcher m = PEM.matcher(text);
        while (m.find()) {
            if (m.group(1).endsWith("PRIVATE KEY")) {
                return true;
            }
        }
        return false;
    }

    private static List<X509Certificate> pemCertificates(TenantSettings settings, String key, String text) {
        List<X509Certificate> certificates = new ArrayList<>();
        Matcher m = PEM.matcher(text);
        while (m.find()) {
            if (m.group(1).equals("CERTIFICATE")) {
                try {
                    certificates.add((X509Certificate) CertificateFactory.getInstance("X.509")
                            .generateCertificate(new java.io.ByteArrayInputStream(decode(settings, key, m.group(2)))));
                } catch (GeneralSecurityException e) {
                    throw settings.invalid(key, "holds a CERTIFICATE block that is not an X.509 certificate");
                }
            }
        }
        return certificates;
    }

    private static byte[] decode(TenantSettings settings, String key, String base64) {
        try {
            return Base64.getMimeDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw settings.invalid(key, "holds a PEM block that is not Base64");
        }
    }

    /**
     * PEM's blocks are ASCII, but the text around them need not be (openssl writes each entry's
     * friendly name before its block): ISO-8859-1 reads any byte, and the blocks the same.
     */
    private static String read(TenantSettings settings, String key, Path path) {
        try {
            return Files.readString(path, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw settings.invalid(key, "names a file that could not be read as PEM text");
        }
    }
}
