package dev.tollgate.provider.oauth2;

import static dev.tollgate.testkit.simulator.oauth2.OAuth2Fixture.BILLING_CLIENT_ID;
import static dev.tollgate.testkit.simulator.oauth2.OAuth2Fixture.BILLING_CLIENT_SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.TokenAcquisitionException;
import dev.tollgate.engine.TollgateEngine;
import dev.tollgate.engine.testing.EngineHarness;
import dev.tollgate.engine.testing.OAuth2Loopback;
import dev.tollgate.testkit.config.TestConfig;
import dev.tollgate.testkit.simulator.oauth2.AuthorizationServerMetadata;
import dev.tollgate.testkit.simulator.oauth2.OAuth2Clients;
import dev.tollgate.testkit.simulator.oauth2.OAuth2Simulator;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a careless or lying authorization server serves: metadata that is well-formed JSON but not
 * as RFC 8414 writes it, a token endpoint that moved with a redirect.
 */
class OAuth2LyingMetadataTest {

    @RegisterExtension
    final EngineHarness harness = new EngineHarness();
    private final OAuth2Simulator simulator = new OAuth2Simulator(OAuth2Clients.standard(), harness.clock, harness.journal);
    private final OAuth2Loopback oauth2 = new OAuth2Loopback(simulator, harness.serve(simulator, simulator.wellKnown()),
            harness.journal);
    private final AuthorizationServerMetadata metadata = simulator.metadata();

    private String issuer() {
        return oauth2.url("oauth2");
    }

    private TestConfig config() {
        return TestConfig.with("tollgate.api.provider", OAuth2Provider.ID)
                .and("tollgate.api.base-url", oauth2.url("oauth2/"))
                .and("tollgate.api.issuer", issuer())
                .and("tollgate.api.client-id", BILLING_CLIENT_ID)
                .and("tollgate.api.client-secret", BILLING_CLIENT_SECRET);
    }

    private int call(TollgateEngine engine) {
        return oauth2.call(harness.client(engine, OAuth2Loopback.CLIENT));
    }

    /**
     * A null among token_endpoint_auth_methods_supported (a server's template with an empty slot)
     * names no method: the ones it does name decide, and the call is made as with a clean list.
     */
    @Test
    void aNullAmongTheAuthMethodsIsNoMethodAndTheOthersDecide() {
        metadata.garble("{\"issuer\":\"" + issuer() + "\",\"token_endpoint\":\"" + issuer() + "/token\","
                + "\"token_endpoint_auth_methods_supported\":[null,\"client_secret_basic\"]}");

        assertEquals(200, call(harness.engine(config())));
        assertEquals(1, simulator.tokenRequests());
    }

    /**
     * A server that moved its token endpoint answers the old one with a redirect (308) and names the
     * new one in its metadata. The redirect is not followed (it would take the secret along), and
     * the next token request reads the metadata again and finds the new endpoint, as after a 404;
     * the metadata kept would have sent every later token request to the old endpoint until the
     * application restarted.
     */
    @Test
    void aTokenEndpointThatRedirectsMakesTheNextFetchReadTheMetadataAgain() {
        var moved = harness.serve(new MovedTokenEndpoint(issuer() + "/token"));
        metadata.announceTokenEndpoint(moved.url("oauth2/token"));
        TollgateEngine engine = harness.engine(config());

        TokenAcquisitionException e = assertThrows(TokenAcquisitionException.class, () -> call(engine));
        assertTrue(e.getMessage().contains("HTTP 308"), e.getMessage());
        assertEquals(0, simulator.tokenRequests(), "the redirect was not followed");
        assertEquals(1, metadata.reads());

        metadata.announceTokenEndpoint(null); // the metadata names the new endpoint
        harness.clock.advance(Duration.ofHours(2)); // past the failed fetch's cooldown
        assertEquals(200, call(engine));
        assertEquals(2, metadata.reads(), "read again after the redirect");
        assertEquals(1, simulator.tokenRequests());
    }

    /** A token endpoint that moved: every POST is answered 308 with the new location. */
    @Path("/")
    public static final class MovedTokenEndpoint {
        private final String target;

        MovedTokenEndpoint(String target) {
            this.target = target;
        }

        @POST
        @Path("{path: .*}")
        public Response any(@PathParam("path") String path) {
            return Response.status(308).location(URI.create(target)).build();
        }
    }
}
