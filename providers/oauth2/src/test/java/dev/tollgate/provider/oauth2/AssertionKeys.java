package dev.tollgate.provider.oauth2;

import dev.tollgate.engine.testing.OAuth2Loopback;
import dev.tollgate.testkit.config.TestConfig;
import dev.tollgate.testkit.log.ConfiguredSecrets;
import dev.tollgate.testkit.pki.TestCertificates;
import dev.tollgate.testkit.pki.TestKeyStores;
import dev.tollgate.testkit.simulator.oauth2.OAuth2Clients;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

/**
 * Keys generated once per test run for the assertion tests, the stores they are written to, and
 * the clients registered with the simulator for them.
 */
final class AssertionKeys {

    static final KeyPair RSA = TestCertificates.rsa(2048);
    static final X509Certificate RSA_CERTIFICATE = TestCertificates.selfSigned(RSA, "signing-client");
    static final KeyPair EC = TestCertificates.ec("secp256r1");
    static final X509Certificate EC_CERTIFICATE = TestCertificates.selfSigned(EC, "signing-client-ec");

    static final String RSA_CLIENT = "signing-client";
    static final String EC_CLIENT = "signing-client-ec";
    static final String SECRET_JWT_CLIENT = "hmac-client";
    static final String SECRET_JWT_SECRET = ConfiguredSecrets.record("hS256-shared-s3cret-0f-32-bytes-or-more!");
    static final String KEY_ID = "key-2026-12";
    static final String STORE_PASSWORD = ConfiguredSecrets.record("St0re-pa55w0rd-for-tests");
    static final String ALIAS = "assertion-signing";

    private AssertionKeys() {
    }

    /** The assertion clients, with rotating refresh tokens: RSA under {@link #KEY_ID}, EC, and one that signs with its secret. */
    static void register(OAuth2Loopback oauth2) {
        OAuth2Clients clients = oauth2.simulator().clients();
        clients.add(client(RSA_CLIENT, null, OAuth2Clients.AuthMethod.PRIVATE_KEY_JWT),
                new OAuth2Clients.AssertionKey(RSA.getPublic(), KEY_ID, Set.of()));
        clients.add(client(EC_CLIENT, null, OAuth2Clients.AuthMethod.PRIVATE_KEY_JWT),
                new OAuth2Clients.AssertionKey(EC.getPublic(), null, Set.of()));
        clients.add(client(SECRET_JWT_CLIENT, SECRET_JWT_SECRET, OAuth2Clients.AuthMethod.CLIENT_SECRET_JWT));
    }

    private static OAuth2Clients.Client client(String id, String secret, OAuth2Clients.AuthMethod method) {
        return new OAuth2Clients.Client(id, secret, method, Set.of("invoices:read"), Duration.ofMinutes(5), true, true);
    }

    /** Client {@code api}, private_key_jwt as {@code clientId}, the key in {@code store}. */
    static TestConfig privateKeyJwt(OAuth2Loopback oauth2, String clientId, Path store) {
        return TestConfig.with("tollgate.api.provider", OAuth2Provider.ID)
                .and("tollgate.api.base-url", oauth2.url("oauth2/"))
                .and("tollgate.api.token-url", oauth2.url("oauth2/token"))
                .and("tollgate.api.client-id", clientId)
                .and("tollgate.api.auth-method", "private_key_jwt")
                .and("tollgate.api.signing-key-store", store.toString())
                .and("tollgate.api.signing-key-store-password", STORE_PASSWORD);
    }

    static Path pkcs12(Path dir, KeyPair key, X509Certificate certificate) {
        return TestKeyStores.withKey(dir.resolve("signing.p12"), "PKCS12", STORE_PASSWORD, ALIAS, STORE_PASSWORD, key, certificate);
    }

    static Path jks(Path dir, KeyPair key, X509Certificate certificate) {
        return TestKeyStores.withKey(dir.resolve("signing.jks"), "JKS", STORE_PASSWORD, ALIAS, STORE_PASSWORD, key, certificate);
    }

    static Path pem(Path dir, KeyPair key, X509Certificate certificate) {
        return TestKeyStores.pem(dir.resolve("signing.pem"), key, certificate);
    }

    /** The JSON of one part of a JWS: 0 the header, 1 the claims. */
    static Map<String, Object> part(String jws, int index) {
        String json = new String(Base64.getUrlDecoder().decode(jws.split("\\.")[index]), StandardCharsets.UTF_8);
        @SuppressWarnings("unchecked")
        Map<String, Object> map = jakarta.json.bind.JsonbBuilder.create().fromJson(json, Map.class);
        return map;
    }
}
