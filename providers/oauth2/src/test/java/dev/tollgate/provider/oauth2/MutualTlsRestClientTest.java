package dev.tollgate.provider.oauth2;

import static dev.tollgate.provider.oauth2.MutualTlsPki.CA_CLIENT_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.Authenticated;
import dev.tollgate.api.Tollgate;
import dev.tollgate.api.UnsafeRequestException;
import dev.tollgate.engine.testing.EngineHarness;
import dev.tollgate.engine.testing.OAuth2Loopback;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.security.KeyStore;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.eclipse.microprofile.rest.client.RestClientBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An {@code @Authenticated} Rest Client interface of a {@code tls_client_auth} client (Jersey's
 * MicroProfile Rest Client, configured from MicroProfile Config as an administrator would): the
 * listener gives it the client's TLS context, so the bound token travels with its certificate.
 */
class MutualTlsRestClientTest {

    @Authenticated("api")
    @Path("api")
    public interface LedgerApi {
        @GET
        @Path("resource")
        String resource();
    }

    static final EngineHarness harness = new EngineHarness();
    static MutualTlsPki pki;
    static OAuth2Loopback oauth2;
    static Config config;

    @BeforeAll
    static void configure() {
        pki = MutualTlsPki.shared();
        oauth2 = pki.serve(harness);
        config = pki.config(oauth2, CA_CLIENT_ID, "tls_client_auth", pki.caIssued).build();
        ConfigProviderResolver resolver = ConfigProviderResolver.instance();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        resolver.releaseConfig(resolver.getConfig(loader));
        resolver.registerConfig(config, loader);
    }

    @AfterAll
    static void release() {
        ConfigProviderResolver.instance().releaseConfig(config);
        harness.close();
    }

    @BeforeEach
    void clearJournal() {
        harness.journal.clear();
    }

    private static RestClientBuilder builder() {
        return RestClientBuilder.newBuilder().baseUri(URI.create(oauth2.url("oauth2/")));
    }

    @Test
    void theInterfaceCallsTheBoundApiWithTheClientsCertificate() {
        assertEquals("{\"ok\":true}", builder().build(LedgerApi.class).resource());
        assertEquals(200, oauth2.apiRequests().get(0).status());
    }

    /** A plain JAX-RS client of the application, as the README shows it, through the api module's entry points. */
    @Test
    void aPlainJaxRsClientBuiltWithTollgateSslContextCallsTheBoundApi() {
        Client client = ClientBuilder.newBuilder().sslContext(Tollgate.sslContext("api")).build().register(Tollgate.feature("api"));
        try (client; Response response = client.target(oauth2.url("oauth2/api/resource")).request().get()) {
            assertEquals(200, response.getStatus());
        }
    }

    /**
     * An application's own key store on the interface ({@code mp-rest/keyStore}, here set on the
     * builder as the Rest Client's CDI producer does) replaces the context Tollgate gave it (Jersey
     * applies it last): the call is refused before anything is sent, saying so.
     */
    @Test
    void theInterfacesOwnKeyStoreMakesItsCallsRefusedNotSentWithoutTheCertificate() throws Exception {
        KeyStore other = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(pki.stranger.keyStore())) {
            other.load(in, pki.stranger.password().toCharArray());
        }
        LedgerApi api = builder().keyStore(other, pki.stranger.password()).build(LedgerApi.class);

        UnsafeRequestException e = assertThrows(UnsafeRequestException.class, api::resource);

        assertTrue(e.getMessage().contains("does not use the TLS settings of tollgate.api.tls-*"), e.getMessage());
        assertTrue(e.getMessage().contains("unless it sets mp-rest/keyStore or mp-rest/trustStore of its own"), e.getMessage());
        assertEquals(0, harness.journal.requests().size(), "nothing was sent");
    }
}
