package dev.tollgate.testkit.simulator.oauth2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.testkit.http.LoopbackServer;
import dev.tollgate.testkit.http.RequestJournal;
import dev.tollgate.testkit.pki.TestCertificates;
import dev.tollgate.testkit.simulator.oauth2.OAuth2Clients.AssertionKey;
import dev.tollgate.testkit.simulator.oauth2.OAuth2Clients.AuthMethod;
import dev.tollgate.testkit.time.MutableClock;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Form;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The simulator checks client assertions (RFC 7523 §3, RFC 7521 §4.2) as an authorization server
 * does. The assertions here are made with jose4j, a JOSE library the simulator does not use, and
 * each refusal is 401 {@code invalid_client} unless the request itself is malformed.
 */
class AssertionVerifierTest {

    static final Jsonb JSON = JsonbBuilder.create();
    static final KeyPair RSA = TestCertificates.rsa(2048);
    static final KeyPair OTHER_RSA = TestCertificates.rsa(2048);
    static final KeyPair EC = TestCertificates.ec("secp256r1");
    static final String HMAC_SECRET = "a-shared-secret-of-at-least-32-bytes!";
    static Client http;

    final MutableClock clock = MutableClock.startingAt("2026-11-22T10:00:00Z");
    final RequestJournal journal = new RequestJournal();
    OAuth2Simulator oauth2;
    LoopbackServer server;

    @BeforeAll
    static void startClient() {
        http = ClientBuilder.newClient();
    }

    @AfterAll
    static void stopClient() {
        http.close();
    }

    @BeforeEach
    void start() {
        OAuth2Clients clients = OAuth2Clients.standard()
                .add(client("rsa-client", null, AuthMethod.PRIVATE_KEY_JWT), new AssertionKey(RSA.getPublic(), "k1", Set.of()))
                .add(client("ec-client", null, AuthMethod.PRIVATE_KEY_JWT), new AssertionKey(EC.getPublic(), null, Set.of()))
                .add(client("rs256-only", null, AuthMethod.PRIVATE_KEY_JWT), new AssertionKey(RSA.getPublic(), null, Set.of("RS256")))
                .add(client("hmac-client", HMAC_SECRET, AuthMethod.CLIENT_SECRET_JWT));
        oauth2 = new OAuth2Simulator(clients, clock, journal);
        server = LoopbackServer.serve(oauth2);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static OAuth2Clients.Client client(String id, String secret, AuthMethod method) {
        return new OAuth2Clients.Client(id, secret, method, Set.of("read"), Duration.ofMinutes(5), false, false);
    }

    private String tokenUrl() {
        return server.url("oauth2/token");
    }

    /** iss = sub = {@code clientId}, aud the token URL, a one-minute lifetime from the clock, a random jti. */
    private JwtClaims claims(String clientId) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(clientId);
        claims.setSubject(clientId);
        claims.setAudience(tokenUrl());
        long now = clock.instant().getEpochSecond();
        claims.setIssuedAt(NumericDate.fromSeconds(now));
        claims.setExpirationTime(NumericDate.fromSeconds(now + 60));
        claims.setJwtId(UUID.randomUUID().toString());
        return claims;
    }

    private static String sign(JwtClaims claims, String algorithm, java.security.Key key, String keyId) {
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(claims.toJson());
            jws.setAlgorithmHeaderValue(algorithm);
            jws.setKey(key);
            jws.setDoKeyValidation(false);
            jws.setAlgorithmConstraints(AlgorithmConstraints.NO_CONSTRAINTS);
            if (keyId != null) {
                jws.setKeyIdHeaderValue(keyId);
            }
            return jws.getCompactSerialization();
        } catch (org.jose4j.lang.JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Form form(String clientId, String assertion) {
        Form form = new Form().param("grant_type", "client_credentials")
                .param("client_assertion_type", AssertionVerifier.JWT_BEARER)
                .param("client_assertion", assertion);
        return clientId == null ? form : form.param("client_id", clientId);
    }

    private Response post(Form form) {
        return http.target(tokenUrl()).request().post(Entity.form(form));
    }

    private void accepted(Form form) {
        try (Response response = post(form)) {
            String body = response.readEntity(String.class);
            assertEquals(200, response.getStatus(), body);
            assertTrue(JSON.fromJson(body, Map.class).containsKey("access_token"), body);
        }
    }

    /** Refused with {@code status} and {@code error}; the description contains {@code saying}. */
    private void refused(Form form, int status, String error, String saying) {
        try (Response response = post(form)) {
            String body = response.readEntity(String.class);
            assertEquals(status, response.getStatus(), body);
            Map<?, ?> json = JSON.fromJson(body, Map.class);
            assertEquals(error, json.get("error"), body);
            assertTrue(String.valueOf(json.get("error_description")).contains(saying), body);
            assertEquals("no-store", response.getHeaderString("Cache-Control"));
        }
    }

    @Test
    void rs256Ps256AndEs256SignedWithTheRegisteredKeysAreAccepted() {
        accepted(form("rsa-client", sign(claims("rsa-client"), AlgorithmIdentifiers.RSA_USING_SHA256, RSA.getPrivate(), "k1")));
        accepted(form("rsa-client", sign(claims("rsa-client"), AlgorithmIdentifiers.RSA_PSS_USING_SHA256, RSA.getPrivate(), null)));
        accepted(form(null, sign(claims("ec-client"), AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256, EC.getPrivate(), null)));
        assertEquals(3, oauth2.grants("client_credentials"));
        assertEquals(3, oauth2.clientAssertions().size());
    }

    @Test
    void clientSecretJwtIsHs256WithTheClientSecret() {
        HmacKey secret = new HmacKey(HMAC_SECRET.getBytes(StandardCharsets.UTF_8));
        accepted(form("hmac-client", sign(claims("hmac-client"), AlgorithmIdentifiers.HMAC_SHA256, secret, null)));

        HmacKey wrong = new HmacKey("another-secret-of-at-least-32-bytes!!".getBytes(StandardCharsets.UTF_8));
        refused(form("hmac-client", sign(claims("hmac-client"), AlgorithmIdentifiers.HMAC_SHA256, wrong, null)),
                401, "invalid_client", "signature is invalid");
        refused(form("hmac-client", sign(claims("hmac-client"), AlgorithmIdentifiers.RSA_USING_SHA256, RSA.getPrivate(), null)),
                401, "invalid_client", "alg");
    }

    @Test
    void algNoneIsRefused() {
        refused(form("rsa-client", sign(claims("rsa-client"), AlgorithmIdentifiers.NONE, null, null)), 401, "invalid_client", "alg");
    }

    /** The classic confusion: an HMAC keyed with the client's public key, which anyone may know. */
    @Test
    void hs256ForAClientRegisteredWithAPublicKeyIsRefused() {
        HmacKey publicKeyAsSecret = new HmacKey(RSA.getPublic().getEncoded());
        refused(form("rsa-client", sign(claims("rsa-client"), AlgorithmIdentifiers.HMAC_SHA256, publicKeyAsSecret, null)),
                401, "invalid_client", "alg");
    }

    @Test
    void anAlgorithmTheClientIsNotRegisteredForIsRefused() {
        refused(form("rs256-only", sign(claims("rs256-only"), AlgorithmIdentifiers.RSA_PSS_USING_SHA256, RSA.getPrivate(), null)),
                401, "invalid_client", "alg");
        refused(form("rsa-client", sign(claims("rsa-client"), AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256, EC.getPrivate(), null)),
                401, "invalid_client", "alg");
    }

    /** RFC 4055: a key restricted to RSASSA-PSS signs nothing else, whatever a lenient JDK verifies. */
    @Test
    void rs256ForAClientWhoseKeyIsRestrictedToPssIsRefused() throws Exception {
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSASSA-PSS");
        generator.initialize(2048);
        KeyPair pss = generator.generateKeyPair();
        oauth2.clients().add(client("pss-client", null, AuthMethod.PRIVATE_KEY_JWT), new AssertionKey(pss.getPublic(), null, Set.of()));

        refused(form("pss-client", sign(claims("pss-client"), AlgorithmIdentifiers.RSA_USING_SHA256, pss.getPrivate(), null)),
                401, "invalid_client", "alg");
        accepted(form("pss-client", sign(claims("pss-client"), AlgorithmIdentifiers.RSA_PSS_USING_SHA256, pss.getPrivate(), null)));
    }

    @Test
    void aSignatureByAnotherKeyIsRefused() {
        refused(form("rsa-client", sign(claims("rsa-client"), AlgorithmIdentifiers.RSA_USING_SHA256, OTHER_RSA.getPrivate(), null)),
                401, "invalid_client", "signature is invalid");
    }

    @Test
    void aKidThatNamesAnotherKeyIsRefused() {
        refused(form("rsa-client", sign(claims("rsa-client"), AlgorithmIdentifiers.RSA_USING_SHA256, RSA.getPrivate(), "k2")),
                401, "invalid_client", "kid");
    }

    /** RFC 7518 §3.4: R and S, 32 bytes each; the DER form Java's plain SHA256withECDSA makes is not a JWS signature. */
    @Test
    void anEs256SignatureInDerIsRefused() throws Exception {
        String unsigned = sign(claims("ec-client"), AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256, EC.getPrivate(), null);
        String signingInput = unsigned.substring(0, unsigned.lastIndexOf('.'));
        Signature der = Signature.getInstance("SHA256withECDSA");
        der.initSign(EC.getPrivate());
        der.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        String assertion = signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(der.sign());
        refused(form("ec-client", assertion), 401, "invalid_client", "signature is invalid");
    }

    @Test
    void issAndSubMustBothBeTheClientAndMatchClientId() {
        JwtClaims otherIssuer = claims("rsa-client");
        otherIssuer.setIssuer("someone-else");
        refused(form("rsa-client", sign(otherIssuer, AlgorithmIdentifiers.RSA_USING_SHA256, RSA.getPrivate(), null)),
                401, "invalid_client", "iss and sub");
        refused(form("ec-client", sign(claims("rsa-client"), AlgorithmIdentifiers.RSA_USING_SHA256, RSA.getPrivate(), null)),
                401, "invalid_client", "client_id");
        refused(form(null, sign(claims("nobody"), AlgorithmIdentifiers.RSA_USING_SHA256, RSA.getPrivate(), null)),
                401, "invalid_client", "Unknown client");
    }

    @Test
    void theAudienceMustBeTheTokenEndpointOrTheIssuer() {
        JwtClaims issuer = claims("rsa-client");
        issuer.setAudience(server.url("oauth2"));
        accepted(form("rsa-client", sign(issuer, AlgorithmIdentifiers.RSA_USING_SHA256, RSA.getPrivate(), null)));
        JwtClaims several = claims("rsa-client");
        several.setAudience("https://other.example", tokenUrl());
        accepted(form("rsa-client", sign(several, AlgorithmIdentifiers.RSA_USING_SHA256, RSA.getPrivate(), null)));

        JwtClaims elsewhere = claims("rsa-client");
        elsewhere.setAudience("https://auth.example.com/token");
        refused(form("rsa-client", sign(elsewhere, AlgorithmIdentifiers.RSA_USING_SHA256, RSA.getPrivate(), null)),
                401, "invalid_client", "aud");
    }

    @Test
    void anExpiredOrLongLivedAssertionIsRefused() {
        String assertion = sign(claims("rsa-client"), AlgorithmIdentifiers.RSA_USING_SHA256, RSA.getPrivate(), null);
        clock.advance(Duration.ofSeconds(60));
        refused(form("rsa-client", assertion), 401, "invalid_client", "expired");

        JwtClaims longLived = claims("rsa-client");
        longLived.setExpirationTime(NumericDate.fromSeconds(clock.instant().getEpochSecond() + 601));
        refused(form("rsa-client", sign(longLived, AlgorithmIdentifiers.RSA_USING_SHA256, RSA.getPrivate(), null)),
                401, "invalid_client", "longer than 10 minutes");

        JwtClaims noExp = claims("rsa-client");
        noExp.unsetClaim("exp");
        refused(form("rsa-client", sign(noExp, AlgorithmIdentifiers.RSA_USING_SHA256, RSA.getPrivate(), null)),
                401, "invalid_client", "no exp");
    }

    @Test
    void aJtiIsAcceptedOnceAndItsReplayIsRefusedAndCounted() {
        String assertion = sign(claims("rsa-client"), AlgorithmIdentifiers.RSA_USING_SHA256, RSA.getPrivate(), null);
        accepted(form("rsa-client", assertion));
        refused(form("rsa-client", assertion), 401, "invalid_client", "jti was used before");
        assertEquals(1, oauth2.replayedAssertions());

        JwtClaims noJti = claims("rsa-client");
        noJti.unsetClaim("jti");
        refused(form("rsa-client", sign(noJti, AlgorithmIdentifiers.RSA_USING_SHA256, RSA.getPrivate(), null)),
                401, "invalid_client", "no jti");
        assertEquals(1, oauth2.grants("client_credentials"), "only the authenticated request counts as a grant");
        assertEquals(3, oauth2.tokenRequests());
    }

    @Test
    void theAssertionTypeMustBeJwtBearerAndComeWithTheAssertion() {
        String assertion = sign(claims("rsa-client"), AlgorithmIdentifiers.RSA_USING_SHA256, RSA.getPrivate(), null);
        Form saml = new Form().param("grant_type", "client_credentials")
                .param("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:saml2-bearer")
                .param("client_assertion", assertion);
        refused(saml, 401, "invalid_client", "client_assertion_type");
        refused(new Form().param("grant_type", "client_credentials").param("client_assertion", assertion),
                400, "invalid_request", "go together");
        refused(form("rsa-client", "not.a-jws"), 401, "invalid_client", "not a JWS");
        refused(form("rsa-client", "e30.e30.AAAA"), 401, "invalid_client", "iss and sub");
        refused(form("rsa-client", "%%%.e30.AAAA"), 401, "invalid_client", "malformed");
        refused(form("rsa-client", "bnVsbA.bnVsbA.AAAA"), 401, "invalid_client", "malformed"); // "null", "null"
        refused(form("rsa-client", "WzFd.e30.AAAA"), 401, "invalid_client", "malformed"); // "[1]"
    }

    @Test
    void anAssertionAndASecretTogetherAreRefused() {
        String assertion = sign(claims("rsa-client"), AlgorithmIdentifiers.RSA_USING_SHA256, RSA.getPrivate(), null);
        try (Response response = http.target(tokenUrl()).request()
                .header("Authorization", OAuth2Fixture.basicAuthorization("rsa-client", "x"))
                .post(Entity.form(form("rsa-client", assertion)))) {
            assertEquals(400, response.getStatus());
        }
        refused(form("rsa-client", assertion).param("client_secret", "x"), 400, "invalid_request", "one client authentication method");
    }

    @Test
    void theWrongMethodForTheClientIsInvalidClient() {
        // a Basic client that signs an assertion
        refused(form(OAuth2Fixture.METRICS_CLIENT_ID, sign(claims(OAuth2Fixture.METRICS_CLIENT_ID), AlgorithmIdentifiers.HMAC_SHA256,
                new HmacKey(OAuth2Fixture.METRICS_CLIENT_SECRET.getBytes(StandardCharsets.UTF_8)), null)),
                401, "invalid_client", "must authenticate with client_secret_basic");
        // a private_key_jwt client that sends a secret
        try (Response response = http.target(tokenUrl()).request()
                .header("Authorization", OAuth2Fixture.basicAuthorization("rsa-client", "guess"))
                .post(Entity.form(new Form().param("grant_type", "client_credentials")))) {
            assertEquals(401, response.getStatus());
            assertEquals("invalid_client", JSON.fromJson(response.readEntity(String.class), Map.class).get("error"));
        }
        // a client_secret_jwt client that sends its secret in the body instead
        refused(new Form().param("grant_type", "client_credentials").param("client_id", "hmac-client")
                .param("client_secret", HMAC_SECRET), 401, "invalid_client", "must authenticate with client_secret_jwt");
        assertEquals(0, oauth2.grants("client_credentials"));
        assertEquals(List.of(), journal.requests().stream().filter(r -> r.status() == 200).toList());
    }
}
