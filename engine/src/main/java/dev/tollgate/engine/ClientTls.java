package dev.tollgate.engine;

import dev.tollgate.spi.KeyFiles;
import dev.tollgate.spi.TenantSettings;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.net.Socket;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509KeyManager;

/**
 * A client's own TLS settings: the certificate it presents ({@code tls-key-store}, mutual TLS,
 * RFC 8705) and the servers it trusts instead of the JVM's defaults ({@code tls-trust-store}).
 * They belong to the client, never to a tenant: one Rest Client interface (one connection pool,
 * one TLS context) serves every tenant of it. Read and checked once, when the engine binds the
 * client (at deployment), into one {@link SSLContext} that every call made for the client uses:
 * the engine's token requests and checks, and the application's API calls.
 */
final class ClientTls {

    static final KeyFiles.Keys KEY_STORE = KeyFiles.keys("tls-key-store");
    static final KeyFiles.Keys TRUST_STORE = KeyFiles.keys("tls-trust-store");
    /** Every key of this class: none may be set per tenant. */
    static final List<String> KEYS = List.of(KEY_STORE.store(), KEY_STORE.type(), KEY_STORE.password(), KEY_STORE.alias(),
            KEY_STORE.keyPassword(), TRUST_STORE.store(), TRUST_STORE.type(), TRUST_STORE.password());

    private static final SecureRandom RANDOM = new SecureRandom();
    /** RFC 5280 §4.2.1.12: id-kp-clientAuth, and anyExtendedKeyUsage. */
    private static final String TLS_CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final String ANY_PURPOSE = "2.5.29.37.0";

    private final SSLContext context;
    private final boolean presentsCertificate;

    private ClientTls(SSLContext context, boolean presentsCertificate) {
        this.context = context;
        this.presentsCertificate = presentsCertificate;
    }

    /**
     * The client's TLS settings, or empty when it sets neither store (the JVM's defaults apply).
     *
     * @param client the client's own settings (not a tenant's)
     * @param clock  the engine's: a client certificate outside its validity by it fails here
     * @throws dev.tollgate.api.TollgateConfigException naming the key to fix
     */
    static Optional<ClientTls> from(TenantSettings client, Clock clock) {
        boolean key = KeyFiles.isConfigured(client, KEY_STORE);
        boolean trust = KeyFiles.isConfigured(client, TRUST_STORE);
        if (!key) {
            requireStoreOf(client, KEY_STORE.store(), KEY_STORE.type(), KEY_STORE.password(), KEY_STORE.alias(), KEY_STORE.keyPassword());
        }
        if (!trust) {
            requireStoreOf(client, TRUST_STORE.store(), TRUST_STORE.type(), TRUST_STORE.password());
        }
        if (!key && !trust) {
            return Optional.empty();
        }
        KeyManager[] keyManagers = key ? keyManagers(client, clock) : null;
        TrustManager[] trustManagers = trust ? trustManagers(client) : null;
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers, trustManagers, null);
            return Optional.of(new ClientTls(SealedSslContext.of(context, client.ref().client()), key));
        } catch (GeneralSecurityException e) {
            throw client.invalid(key ? KEY_STORE.store() : TRUST_STORE.store(),
                    "could not be made into a TLS context (" + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * A store's password, type or alias without the store itself is a store key mistyped or lost:
     * ignored, the client would go without its certificate or trust store, and fail only when a
     * server refuses it.
     */
    private static void requireStoreOf(TenantSettings client, String store, String... companions) {
        for (String companion : companions) {
            if (client.get(companion).isPresent()) {
                throw client.invalid(store, "is not set, but " + client.keyName(companion) + " is: set "
                        + client.keyName(store) + " to the file it belongs to (check its spelling), or remove "
                        + client.keyName(companion));
            }
        }
    }

    /**
     * Refuses the TLS keys on a tenant: a tenant's certificate could not be honoured (its calls
     * share the client's connections), and silently using the client's instead would be worse.
     */
    static void refuseTenantKeys(TenantSettings settings) {
        if (settings.ref().tenant().isEmpty()) {
            return;
        }
        for (String key : KEYS) {
            if (settings.getTenantOwn(key).isPresent()) {
                throw settings.invalid(key, "is set for a tenant, but the TLS identity and trust store are the client's"
                        + " (one Rest Client, one TLS context, serves every tenant): set "
                        + ConfigKeys.clientKey(settings.ref().client(), key) + " instead, or configure another client");
            }
        }
    }

    /** The context every call made for this client uses. */
    SSLContext context() {
        return context;
    }

    /** True when the client presents a certificate (mutual TLS), not just trusts its own CAs. */
    boolean presentsCertificate() {
        return presentsCertificate;
    }

    private static KeyManager[] keyManagers(TenantSettings client, Clock clock) {
        KeyFiles.KeyEntry entry = KeyFiles.privateKey(client, KEY_STORE);
        X509Certificate certificate = entry.certificate().orElseThrow(() -> client.invalid(KEY_STORE.store(),
                "holds a private key without its certificate, which mutual TLS presents: add the certificate (chain)"));
        try {
            certificate.checkValidity(java.util.Date.from(clock.instant()));
        } catch (CertificateExpiredException e) {
            throw client.invalid(KEY_STORE.store(), "holds a client certificate that expired on " + certificate.getNotAfter().toInstant()
                    + ": renew it, then redeploy");
        } catch (CertificateNotYetValidException e) {
            throw client.invalid(KEY_STORE.store(), "holds a client certificate that is not valid before "
                    + certificate.getNotBefore().toInstant());
        }
        requireValidIntermediates(client, entry.chain(), clock);
        requireClientPurpose(client, certificate);
        // the key goes into a store of its own, so the TLS stack can only ever choose this one
        char[] password = new char[24];
        for (int i = 0; i < password.length; i++) {
            password[i] = (char) ('a' + RANDOM.nextInt(26));
        }
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("client", entry.key(), password, entry.chain().toArray(Certificate[]::new));
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, password);
            for (KeyManager manager : factory.getKeyManagers()) {
                if (manager instanceof X509KeyManager x509) {
                    return new KeyManager[] {new OneCertificate(x509)};
                }
            }
            throw client.invalid(KEY_STORE.store(), "holds a key TLS cannot use (no X.509 key manager)");
        } catch (IOException | GeneralSecurityException e) {
            throw client.invalid(KEY_STORE.store(), "holds a key TLS cannot use (" + e.getClass().getSimpleName() + ")");
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /**
     * The CA certificates sent along with the client's: a server validates the path through them,
     * so an expired one fails the handshake like an expired client certificate. A root (its own
     * issuer) is skipped: servers take it from their own trust store, whose anchors are not dated.
     */
    private static void requireValidIntermediates(TenantSettings client, List<X509Certificate> chain, Clock clock) {
        java.util.Date now = java.util.Date.from(clock.instant());
        for (X509Certificate ca : chain.subList(1, chain.size())) {
            if (ca.getSubjectX500Principal().equals(ca.getIssuerX500Principal())) {
                continue;
            }
            try {
                ca.checkValidity(now);
            } catch (CertificateExpiredException e) {
                throw client.invalid(KEY_STORE.store(), "holds a CA certificate of the client's chain (subject "
                        + ca.getSubjectX500Principal().getName() + ") that expired on " + ca.getNotAfter().toInstant()
                        + ": put the CA's renewed certificate in the chain, then redeploy");
            } catch (CertificateNotYetValidException e) {
                throw client.invalid(KEY_STORE.store(), "holds a CA certificate of the client's chain (subject "
                        + ca.getSubjectX500Principal().getName() + ") that is not valid before " + ca.getNotBefore().toInstant());
            }
        }
    }

    /**
     * A server checks what the certificate may be used for (JSSE's and OpenSSL's client checks
     * alike) and refuses the handshake otherwise, which the engine could only report as a server
     * it cannot reach. Each extension, when present, must allow a TLS client.
     */
    private static void requireClientPurpose(TenantSettings client, X509Certificate certificate) {
        List<String> purposes;
        try {
            purposes = certificate.getExtendedKeyUsage();
        } catch (java.security.cert.CertificateParsingException e) {
            throw client.invalid(KEY_STORE.store(), "holds a certificate whose extended key usage cannot be read");
        }
        if (purposes != null && !purposes.contains(TLS_CLIENT_AUTH) && !purposes.contains(ANY_PURPOSE)) {
            throw client.invalid(KEY_STORE.store(), "holds a certificate whose extended key usage leaves out TLS client"
                    + " authentication (clientAuth), so servers refuse it: use a certificate issued for clientAuth");
        }
        boolean[] usage = certificate.getKeyUsage();
        if (usage != null && !usage[0]) {
            throw client.invalid(KEY_STORE.store(), "holds a certificate whose key usage leaves out digitalSignature, with which"
                    + " a TLS client proves it holds the key, so servers refuse it: use a certificate issued for it");
        }
    }

    /**
     * Presents the client's one certificate whatever CAs the server's request names. The JDK's
     * own key manager sends none when the certificate's issuer is not among them, so a
     * self-signed certificate (RFC 8705 §2.2) would never reach a server that also names the CA
     * of its {@code tls_client_auth} clients; curl and OpenSSL send it, and the server decides.
     * The key type still has to fit what the server accepts.
     */
    private static final class OneCertificate extends X509ExtendedKeyManager {

        private final X509KeyManager keys;

        OneCertificate(X509KeyManager keys) {
            this.keys = keys;
        }

        @Override
        public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
            return keys.chooseClientAlias(keyTypes, null, socket);
        }

        @Override
        public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
            return keys instanceof X509ExtendedKeyManager extended
                    ? extended.chooseEngineClientAlias(keyTypes, null, engine) : keys.chooseClientAlias(keyTypes, null, null);
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return keys.getClientAliases(keyType, null);
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return null; // a client's identity, never a server's
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return keys.getCertificateChain(alias);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return keys.getPrivateKey(alias);
        }
    }

    private static TrustManager[] trustManagers(TenantSettings client) {
        List<X509Certificate> certificates = KeyFiles.certificates(client, TRUST_STORE);
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (int i = 0; i < certificates.size(); i++) {
                store.setCertificateEntry("trusted-" + i, certificates.get(i));
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return factory.getTrustManagers();
        } catch (IOException | GeneralSecurityException e) {
            throw client.invalid(TRUST_STORE.store(), "could not be used to trust servers (" + e.getClass().getSimpleName() + ")");
        }
    }
}
