package dev.tollgate.provider.oauth2;

import static dev.tollgate.provider.oauth2.MutualTlsPki.CA_CLIENT_ID;
import static dev.tollgate.provider.oauth2.MutualTlsPki.SELF_SIGNED_CLIENT_ID;
import static dev.tollgate.testkit.simulator.oauth2.OAuth2Fixture.BILLING_CLIENT_ID;
import static dev.tollgate.testkit.simulator.oauth2.OAuth2Fixture.BILLING_CLIENT_SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.CredentialsRejectedException;
import dev.tollgate.api.UnsafeRequestException;
import dev.tollgate.engine.CandidateVerification;
import dev.tollgate.engine.TollgateEngine;
import dev.tollgate.engine.testing.EngineHarness;
import dev.tollgate.engine.testing.OAuth2Loopback;
import dev.tollgate.testkit.config.TestConfig;
import dev.tollgate.testkit.pki.TlsCertificates;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Form;
import jakarta.ws.rs.core.Response;
import java.nio.file.Path;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * RFC 8705 through the engine, against the simulator on an https listener that asks for client
 * certificates: {@code tls_client_auth} and {@code self_signed_tls_client_auth} get tokens bound
 * to the client's certificate and call the API with the same certificate; the binding is real
 * (the token alone is refused); a trust store alone reaches a server behind a private CA.
 */
class MutualTlsTest {

    static MutualTlsPki pki;

    @RegisterExtension
    final EngineHarness harness = new EngineHarness();
    private OAuth2Loopback oauth2;

    @BeforeAll
    static void makeCertificates() {
        pki = MutualTlsPki.shared();
    }

    private OAuth2Loopback oauth2() {
        if (oauth2 == null) {
            oauth2 = pki.serve(harness);
        }
        return oauth2;
    }

    /** A plain JAX-RS client as the application builds one for a client with TLS settings. */
    private Client clientWithTls(TollgateEngine engine) {
        return harness.closeAfter(ClientBuilder.newBuilder().sslContext(engine.sslContext("api")).build()
                .register(engine.feature("api")));
    }

    private String bearerSentToTheApi() {
        return oauth2().apiRequests().get(0).header("Authorization").orElseThrow().substring("Bearer ".length());
    }

    @Test
    void tlsClientAuthGetsATokenAndCallsTheApiWithTheSameCertificate() {
        TollgateEngine engine = harness.engine(pki.config(oauth2(), CA_CLIENT_ID, "tls_client_auth", pki.caIssued));

        assertEquals(200, oauth2().call(clientWithTls(engine)));

        assertEquals(1, oauth2().simulator().grants("client_credentials"));
        assertTrue(harness.journal.requests().get(0).header("Authorization").isEmpty(), "no secret, no Basic header");
    }

    @Test
    void selfSignedTlsClientAuthGetsATokenAndCallsTheApiWithTheSameCertificate() {
        TollgateEngine engine = harness.engine(pki.config(oauth2(), SELF_SIGNED_CLIENT_ID, "self_signed_tls_client_auth",
                pki.selfSigned));

        assertEquals(200, oauth2().call(clientWithTls(engine)));
        assertEquals(200, oauth2().call(clientWithTls(engine)), "the cached bound token, again with the certificate");

        assertEquals(1, oauth2().simulator().grants("client_credentials"));
    }

    @Test
    void theKeyStoreMayBeAPemFileWithTheKeyAndItsChain() {
        TollgateEngine engine = harness.engine(pki.config(oauth2(), CA_CLIENT_ID, "tls_client_auth", pki.caIssued)
                .and("tollgate.api.tls-key-store", pki.certificates.pem(pki.caIssued).toString()));

        assertEquals(200, oauth2().call(clientWithTls(engine)));
    }

    /**
     * A server configured with a client CA names it in its certificate request, and may still take
     * registered self-signed certificates: the client presents its one certificate anyway, as
     * curl or OpenSSL do (the JDK's own key manager would send none, its issuer not being named).
     */
    @Test
    void theCertificateIsPresentedEvenWhenTheServerNamesOtherCas() {
        oauth2 = pki.serve(harness, java.util.List.of(pki.clientCa.certificate()));
        TollgateEngine engine = harness.engine(pki.config(oauth2(), SELF_SIGNED_CLIENT_ID, "self_signed_tls_client_auth",
                pki.selfSigned));

        assertEquals(200, oauth2().call(clientWithTls(engine)));
    }

    /** The binding is the server's: the token the engine got, sent without the certificate, is refused. */
    @Test
    void theBoundTokenIsRefusedOverAConnectionWithoutTheCertificate() {
        TollgateEngine engine = harness.engine(pki.config(oauth2(), CA_CLIENT_ID, "tls_client_auth", pki.caIssued));
        assertEquals(200, oauth2().call(clientWithTls(engine)));
        String token = bearerSentToTheApi();

        assertEquals(401, callWithToken(TlsCertificates.trusting(pki.serverCa.certificate()), token), "no certificate");
        assertEquals(401, callWithToken(TlsCertificates.context(pki.stranger, pki.serverCa.certificate()), token),
                "another certificate of the same CA");
        assertEquals(200, callWithToken(TlsCertificates.context(pki.caIssued, pki.serverCa.certificate()), token),
                "the same token with its certificate");
    }

    private int callWithToken(SSLContext tls, String token) {
        Client plain = harness.closeAfter(ClientBuilder.newBuilder().sslContext(tls).build());
        try (Response response = plain.target(oauth2().url("oauth2/api/resource")).request()
                .header("Authorization", "Bearer " + token).get()) {
            if (response.getStatus() == 401) {
                assertTrue(response.getHeaderString("WWW-Authenticate").contains("invalid_token"),
                        response.getHeaderString("WWW-Authenticate"));
            }
            return response.getStatus();
        }
    }

    /** RFC 8705 §3.1: the token answer names the certificate the token is bound to. */
    @Test
    void theTokenAnswerCarriesTheThumbprintOfTheCertificate() {
        Client tls = harness.closeAfter(ClientBuilder.newBuilder()
                .sslContext(TlsCertificates.context(pki.selfSigned, pki.serverCa.certificate())).build());
        try (Response response = tls.target(oauth2().url("oauth2/token")).request()
                .post(Entity.form(new Form("grant_type", "client_credentials").param("client_id", SELF_SIGNED_CLIENT_ID)))) {
            assertEquals(200, response.getStatus());
            @SuppressWarnings("unchecked")
            Map<String, Object> body = JsonbBuilder.create().fromJson(response.readEntity(String.class), Map.class);
            assertEquals(Map.of("x5t#S256", pki.selfSigned.thumbprint()), body.get("cnf"));
        }
    }

    @Test
    void aClientWithoutACertificateIsRefusedAsInvalidClient() {
        Client noCertificate = harness.closeAfter(ClientBuilder.newBuilder()
                .sslContext(TlsCertificates.trusting(pki.serverCa.certificate())).build());
        try (Response response = noCertificate.target(oauth2().url("oauth2/token")).request()
                .post(Entity.form(new Form("grant_type", "client_credentials").param("client_id", CA_CLIENT_ID)))) {
            assertEquals(401, response.getStatus());
            assertTrue(response.readEntity(String.class).contains("invalid_client"));
        }
    }

    @Test
    void anotherCertificateOfTheSameCaIsRefusedAsInvalidClient() {
        TollgateEngine engine = harness.engine(pki.config(oauth2(), CA_CLIENT_ID, "tls_client_auth", pki.stranger));

        CredentialsRejectedException e = assertThrows(CredentialsRejectedException.class, () -> oauth2().call(clientWithTls(engine)));

        assertTrue(e.vendorDetail().orElseThrow().contains("invalid_client"), e.getMessage());
        assertTrue(e.getMessage().contains("Check tollgate.api.client-id, tollgate.api.tls-key-store, "), e.getMessage());
        assertFalse(e.getMessage().contains("client-secret"), "no secret is configured, nor needed: " + e.getMessage());
        assertEquals(0, oauth2().apiRequests().size());
    }

    @Test
    void anUnregisteredSelfSignedCertificateIsRefusedAsInvalidClient() {
        TollgateEngine engine = harness.engine(pki.config(oauth2(), SELF_SIGNED_CLIENT_ID, "self_signed_tls_client_auth",
                pki.otherSelfSigned));

        CredentialsRejectedException e = assertThrows(CredentialsRejectedException.class, () -> oauth2().call(clientWithTls(engine)));

        assertTrue(e.vendorDetail().orElseThrow().contains("invalid_client"), e.getMessage());
    }

    /**
     * A server checks what a client certificate may be used for (JSSE's and OpenSSL's TLS client
     * checks): one the trusted CA issued for servers only, with the registered subject DN, does not
     * authenticate the client. (Tollgate refuses such a certificate at deployment, so the request is sent by hand.)
     */
    @Test
    void aCertificateOfTheTrustedCaIssuedForServersOnlyIsRefusedAsInvalidClient() {
        TlsCertificates.Issued serverOnly = pki.certificates.signedByWith(pki.clientCa, "Ledger Service", "ku=digitalSignature",
                "eku=serverAuth");
        Client tls = harness.closeAfter(ClientBuilder.newBuilder()
                .sslContext(TlsCertificates.context(serverOnly, pki.serverCa.certificate())).build());
        try (Response response = tls.target(oauth2().url("oauth2/token")).request()
                .post(Entity.form(new Form("grant_type", "client_credentials").param("client_id", CA_CLIENT_ID)))) {
            assertEquals(401, response.getStatus());
            assertTrue(response.readEntity(String.class).contains("invalid_client"));
        }
    }

    /** A certificate that is not from the CA the server trusts, with the registered subject DN, does not pass. */
    @Test
    void theRegisteredSubjectFromAnotherCaIsRefused() {
        TlsCertificates.Issued forged = pki.certificates.signedBy(pki.serverCa, "Ledger Service");
        assertEquals(pki.caIssued.certificate().getSubjectX500Principal(), forged.certificate().getSubjectX500Principal());
        TollgateEngine engine = harness.engine(pki.config(oauth2(), CA_CLIENT_ID, "tls_client_auth", forged));

        assertThrows(CredentialsRejectedException.class, () -> oauth2().call(clientWithTls(engine)));
    }

    /**
     * A plain JAX-RS client built without the client's TLS context would send the bound token
     * without the certificate: refused before anything is sent, saying what to do.
     */
    @Test
    void aJaxRsClientWithoutTheClientsTlsContextIsRefusedBeforeAnythingIsSent() {
        TollgateEngine engine = harness.engine(pki.config(oauth2(), CA_CLIENT_ID, "tls_client_auth", pki.caIssued));
        Client withoutTls = harness.client(engine, "api");

        UnsafeRequestException refused = assertThrows(UnsafeRequestException.class, () -> oauth2().call(withoutTls));

        assertTrue(refused.getMessage().contains("ClientBuilder.newBuilder().sslContext(Tollgate.sslContext(\"api\"))"),
                refused.getMessage());
        assertEquals(0, oauth2().simulator().tokenRequests(), "no token was fetched");
        assertEquals(0, oauth2().apiRequests().size(), "nothing reached the API");
    }

    @Test
    void theContextIsMadeOncePerClient() {
        TollgateEngine engine = harness.engine(pki.config(oauth2(), CA_CLIENT_ID, "tls_client_auth", pki.caIssued));
        assertSame(engine.sslContext("api"), engine.sslContext("api"));
    }

    /** A trust store alone (client_secret_basic): the token endpoint and the API behind a private CA are reached. */
    @Test
    void aTrustStoreAloneReachesAnApiBehindAPrivateCa() {
        TollgateEngine engine = harness.engine(pki.trusting(oauth2().config(OAuth2Provider.ID, BILLING_CLIENT_ID, BILLING_CLIENT_SECRET)));

        assertEquals(200, oauth2().call(clientWithTls(engine)));
        assertTrue(harness.journal.requests().get(0).header("Authorization").orElseThrow().startsWith("Basic "));
    }

    /**
     * The engine's other calls for the client use its TLS context too: the check of a tenant's
     * credentials before it is stored reaches the token endpoint behind the private CA.
     */
    @Test
    void aTenantsCredentialsAreVerifiedThroughTheClientsTrustStore() {
        TollgateEngine engine = harness.engine(pki.trusting(TestConfig.with("tollgate.api.provider", OAuth2Provider.ID)
                .and("tollgate.api.base-url", oauth2().url("oauth2/"))
                .and("tollgate.api.token-url", oauth2().url("oauth2/token"))));

        CandidateVerification.verify(engine, "api", "newco", Map.of("client-id", BILLING_CLIENT_ID, "client-secret", BILLING_CLIENT_SECRET));

        assertEquals(1, oauth2().simulator().grants("client_credentials"));
    }

    /** Discovery is one of the engine's calls for the client: the metadata behind the private CA is read through its context. */
    @Test
    void discoveryReadsTheIssuersMetadataThroughTheClientsTlsContext() {
        TestConfig config = pki.config(oauth2(), CA_CLIENT_ID, "tls_client_auth", pki.caIssued)
                .and("tollgate.api.issuer", oauth2().url("oauth2"));
        config.and("tollgate.api.token-url", "");
        TollgateEngine engine = harness.engine(config);

        assertEquals(200, oauth2().call(clientWithTls(engine)));

        assertEquals(1, oauth2().simulator().metadata().reads());
        assertEquals(1, oauth2().simulator().grants("client_credentials"));
    }

    /** Without the trust store the private CA is not trusted: the token endpoint cannot be reached at all. */
    @Test
    void withoutTheTrustStoreThePrivateCaIsNotTrusted() {
        TollgateEngine engine = harness.engine(oauth2().config(OAuth2Provider.ID, BILLING_CLIENT_ID, BILLING_CLIENT_SECRET));

        assertThrows(RuntimeException.class, () -> oauth2().call(harness.client(engine, "api")));
        assertEquals(0, oauth2().simulator().tokenRequests());
    }
}
