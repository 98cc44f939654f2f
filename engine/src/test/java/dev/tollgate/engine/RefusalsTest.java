package dev.tollgate.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.ClientRef;
import dev.tollgate.api.CredentialsRejectedException;
import dev.tollgate.api.Refuser;
import dev.tollgate.spi.TokenEndpointException;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What a refusal's message shows of who refused: never a URL's user information, query or
 * fragment (they may hold keys), of an API only its origin; and no claim of an address it does
 * not know.
 */
class RefusalsTest {

    private static final ClientRef WHERE = ClientRef.of("api", "oauth2", "acme");

    @Test
    void aTokenEndpointIsShownWithoutUserInformationQueryOrFragment() {
        TokenEndpointException refusal = TokenEndpointException.ofStatus(401, null, "invalid_client")
                .at(URI.create("https://admin:Pa55@auth.example:8443/realms/shop/token?api_key=K3y#frag"));

        CredentialsRejectedException e = Refusals.byTokenEndpoint(WHERE, refusal, new dev.tollgate.spi.BearerTokenSource() {
            @Override
            public dev.tollgate.spi.Credential obtain(dev.tollgate.spi.TokenContext context) {
                throw new UnsupportedOperationException();
            }
        }, "invalid_client", "Check tollgate.api.client-secret.");

        assertEquals("client 'api' (provider oauth2, tenant 'acme'): the token endpoint https://auth.example:8443/realms/shop/token"
                + " refused the credentials sent for the access-token (HTTP 401): invalid_client. Check tollgate.api.client-secret.",
                e.getMessage());
        assertEquals(Refuser.Kind.TOKEN_ENDPOINT, e.refuser().orElseThrow().kind());
        assertEquals(Optional.of(URI.create("https://auth.example:8443/realms/shop/token")), e.refuser().orElseThrow().address());
        for (String key : List.of("admin", "Pa55", "api_key", "K3y", "frag")) {
            assertFalse(e.getMessage().contains(key), e.getMessage());
        }
    }

    @Test
    void anApiIsShownByItsOriginAlone() {
        CredentialsRejectedException e = Refusals.byApi(WHERE, URI.create("https://shop:S3cret@api.example/v2/orders/42?sig=abc"),
                List.of("access-token", "customer-token"), 401, null, "Check tollgate.api.client-id.");

        assertEquals("client 'api' (provider oauth2, tenant 'acme'): the API at https://api.example refused the access-token and"
                + " customer-token (HTTP 401). Check tollgate.api.client-id.", e.getMessage());
        assertEquals(Refuser.api(URI.create("https://api.example")), e.refuser().orElseThrow());
    }

    /** A URL that cannot be taken apart is not quoted; who refused is still said. */
    @Test
    void anUnreadableAddressIsLeftOutButTheRefuserIsStillNamed() {
        assertEquals("the token endpoint", Refuser.tokenEndpoint(null).describe());
        assertEquals("the token endpoint", Refuser.tokenEndpoint(URI.create("mailto:ops@example.com")).describe());
        assertEquals("the API", Refuser.api(URI.create("relative/path?key=1")).describe());
        assertEquals("the API at http://[::1]:8080", Refuser.api(URI.create("http://[::1]:8080/v2?x=1")).describe());
    }

    @Test
    void aTokenEndpointFailureWithoutAnAnswerIsNotGivenAnotherAnswersUrl() {
        TokenEndpointException synthesised = TokenEndpointException.ofStatus(401, null, null);
        assertTrue(synthesised.endpoint().isEmpty());
        assertTrue(synthesised.at(URI.create("opaque:thing")).endpoint().isEmpty(), "a URL without a host is not kept");
    }

    @Test
    void aVendorsExplanationThatEndsItsSentenceGetsNoSecondPeriod() {
        CredentialsRejectedException e = Refusals.byApi(WHERE, URI.create("https://api.example/"), List.of("access-token"), 403,
                "The auth token is invalid.", "Check tollgate.api.client-id.");

        assertTrue(e.getMessage().endsWith("(HTTP 403): The auth token is invalid. Check tollgate.api.client-id."), e.getMessage());
    }
}
