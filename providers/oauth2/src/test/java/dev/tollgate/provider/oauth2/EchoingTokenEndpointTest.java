package dev.tollgate.provider.oauth2;

import static dev.tollgate.testkit.simulator.oauth2.OAuth2Fixture.METRICS_CLIENT_ID;
import static dev.tollgate.testkit.simulator.oauth2.OAuth2Fixture.METRICS_CLIENT_SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.CredentialsRejectedException;
import dev.tollgate.engine.TollgateEngine;
import dev.tollgate.engine.testing.EngineHarness;
import dev.tollgate.engine.testing.OAuth2Loopback;
import dev.tollgate.testkit.config.TestConfig;
import dev.tollgate.testkit.http.LoopbackServer;
import dev.tollgate.testkit.log.SecretScan;
import dev.tollgate.testkit.log.SecretSpellings;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An authorization server that repeats what it was sent in its error_description, as some do:
 * the form (with client_secret_post) after 270 characters of text, and the Authorization header.
 * Neither the exception nor the log may show any piece of the secret.
 */
class EchoingTokenEndpointTest {

    /** 401 invalid_client; the description quotes the request. */
    @Path("careless/token")
    public static class CarelessServer {
        static final String PREAMBLE = "y".repeat(270);

        @POST
        public Response token(@HeaderParam("Authorization") String authorization, String form) {
            String quoted = authorization != null ? "Authorization: " + authorization : PREAMBLE + form.replaceAll(".*client_secret=", "");
            return Response.status(401).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity("{\"error\":\"invalid_client\",\"error_description\":\"" + quoted + "\"}").build();
        }
    }

    @RegisterExtension
    final EngineHarness harness = new EngineHarness();
    private final OAuth2Loopback oauth2 = harness.oauth2();

    private TestConfig config(String clientId, String clientSecret) {
        return oauth2.config(OAuth2Provider.ID, clientId, clientSecret);
    }

    private Client client(TollgateEngine engine) {
        return harness.client(engine, OAuth2Loopback.CLIENT);
    }

    private final LoopbackServer careless = harness.serve(new CarelessServer());

    private CredentialsRejectedException refusedWith(String authMethod) {
        var client = client(harness.engine(config(METRICS_CLIENT_ID, METRICS_CLIENT_SECRET)
                .and("tollgate.api.token-url", careless.url("careless/token"))
                .and("tollgate.api.auth-method", authMethod)));
        return assertThrows(CredentialsRejectedException.class, () -> oauth2.call(client));
    }

    @Test
    void aSecretEchoedWhereTheMessageIsCutLeavesNoPieceOfIt() {
        CredentialsRejectedException e = refusedWith("client_secret_post");
        // the secret starts at character 287 of "invalid_client: yyy…": the 300-character cut falls inside it
        assertTrue(e.vendorDetail().orElseThrow().startsWith("invalid_client: " + CarelessServer.PREAMBLE + "****"),
                e.vendorDetail().orElseThrow());
        assertFalse(SecretScan.containsAny(e.getMessage(), SecretSpellings.of(METRICS_CLIENT_SECRET)), e.getMessage());
    }

    @Test
    void anEchoedBasicHeaderIsRemoved() {
        CredentialsRejectedException e = refusedWith("client_secret_basic");
        assertEquals("invalid_client: Authorization: Basic ****", e.vendorDetail().orElseThrow());
        assertFalse(SecretScan.containsAny(e.getMessage(), SecretSpellings.of(METRICS_CLIENT_SECRET)), e.getMessage());
    }
}
