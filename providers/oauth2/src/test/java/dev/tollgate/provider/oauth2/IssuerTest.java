package dev.tollgate.provider.oauth2;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** Where an issuer's metadata is: OpenID Connect Discovery 1.0 §4 appends, RFC 8414 §3.1 inserts. */
class IssuerTest {

    private static Issuer issuer(String text) {
        return new Issuer(text, URI.create(text));
    }

    @Test
    void anIssuerWithAPath() {
        Issuer issuer = issuer("https://login.example.com:8443/realms/shop");
        assertEquals(URI.create("https://login.example.com:8443/realms/shop/.well-known/openid-configuration"), issuer.openIdConfiguration());
        assertEquals(URI.create("https://login.example.com:8443/.well-known/oauth-authorization-server/realms/shop"),
                issuer.authorizationServerMetadata());
    }

    @Test
    void aFinalSlashIsRemovedBeforeEither() {
        Issuer issuer = issuer("https://tenant.example.com/");
        assertEquals(URI.create("https://tenant.example.com/.well-known/openid-configuration"), issuer.openIdConfiguration());
        assertEquals(URI.create("https://tenant.example.com/.well-known/oauth-authorization-server"), issuer.authorizationServerMetadata());
    }

    @Test
    void anIssuerWithoutAPath() {
        Issuer issuer = issuer("https://as.example.com");
        assertEquals(URI.create("https://as.example.com/.well-known/openid-configuration"), issuer.openIdConfiguration());
        assertEquals(URI.create("https://as.example.com/.well-known/oauth-authorization-server"), issuer.authorizationServerMetadata());
    }
}
