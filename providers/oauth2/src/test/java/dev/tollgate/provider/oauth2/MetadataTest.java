package dev.tollgate.provider.oauth2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What Tollgate takes from a metadata document. */
class MetadataTest {

    private static final URI FROM = URI.create("https://as.example.com/.well-known/openid-configuration");

    private static DiscoveryDocument document() {
        DiscoveryDocument document = new DiscoveryDocument();
        document.issuer = "https://as.example.com";
        document.token_endpoint = "https://as.example.com/token";
        return document;
    }

    /** RFC 8705 §5: a mutual TLS client uses the alias; every other one the token endpoint. */
    @Test
    void mutualTlsClientsUseTheTokenEndpointAlias() {
        DiscoveryDocument document = document();
        document.mtls_endpoint_aliases = Map.of("token_endpoint", "https://mtls.as.example.com/token");
        Metadata metadata = Metadata.of(document, FROM).orElseThrow();

        assertEquals("https://mtls.as.example.com/token", metadata.tokenEndpointFor("tls_client_auth"));
        assertEquals("https://mtls.as.example.com/token", metadata.tokenEndpointFor("self_signed_tls_client_auth"));
        assertEquals("https://as.example.com/token", metadata.tokenEndpointFor("private_key_jwt"));
        assertEquals("https://as.example.com/token", metadata.tokenEndpointFor("client_secret_basic"));
    }

    @Test
    void withoutAnAliasMutualTlsClientsUseTheTokenEndpoint() {
        assertEquals("https://as.example.com/token", Metadata.of(document(), FROM).orElseThrow().tokenEndpointFor("tls_client_auth"));
    }

    @Test
    void aDocumentWithoutIssuerOrTokenEndpointIsNotMetadata() {
        DiscoveryDocument noIssuer = document();
        noIssuer.issuer = null;
        DiscoveryDocument noEndpoint = document();
        noEndpoint.token_endpoint = null;
        assertTrue(Metadata.of(noIssuer, FROM).isEmpty());
        assertTrue(Metadata.of(noEndpoint, FROM).isEmpty());
        assertEquals(List.of(), List.copyOf(Metadata.of(document(), FROM).orElseThrow().authMethods().orElse(List.of())));
    }
}
