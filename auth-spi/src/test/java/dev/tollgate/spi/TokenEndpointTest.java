package dev.tollgate.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tollgate.testkit.http.LoopbackServer;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Form;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How a token endpoint's answer is classified, and what of it reaches a message. */
class TokenEndpointTest {

    /** A careless authorization server that quotes the request back in its errors. */
    @Path("token")
    public static class Echoing {
        @POST
        public Response token(String body) {
            return Response.status(400).entity("{\"error\":\"invalid_grant\",\"error_description\":\"bad request: " + body + "\"}")
                    .type(MediaType.APPLICATION_JSON_TYPE).header("Retry-After", "7").build();
        }
    }

    @Test
    void theSecretsARequestCarriedAreRemovedFromTheVendorsExplanation() {
        Secret refreshToken = Secret.of("rt-Zx8+pQ:r2 s/Kd%41");
        try (LoopbackServer server = LoopbackServer.serve(new Echoing())) {
            Client http = ClientBuilder.newClient();
            try {
                TokenEndpointException e = assertThrows(TokenEndpointException.class, () -> TokenEndpoint.send(
                        http.target(server.url("token")).request().build("POST",
                                Entity.form(new Form("refresh_token", refreshToken.reveal()))),
                        body -> Optional.of(body), refreshToken));
                assertEquals(TokenEndpointException.Kind.REJECTED, e.kind());
                assertEquals(400, e.status());
                assertEquals(Duration.ofSeconds(7), e.retryAfter().orElseThrow());
                String detail = e.vendorDetail().orElseThrow();
                assertFalse(detail.contains("Zx8"), detail);
                assertFalse(e.getMessage().contains("Zx8"), e.getMessage());
            } finally {
                http.close();
            }
        }
    }

    @Test
    void statusesAreClassifiedForTheEngine() {
        assertEquals(TokenEndpointException.Kind.UNAVAILABLE, TokenEndpointException.ofStatus(503, null, null).kind());
        assertEquals(TokenEndpointException.Kind.UNAVAILABLE, TokenEndpointException.ofStatus(429, null, null).kind());
        assertEquals(TokenEndpointException.Kind.UNAVAILABLE, TokenEndpointException.ofStatus(408, null, null).kind());
        assertEquals(TokenEndpointException.Kind.REJECTED, TokenEndpointException.ofStatus(401, null, null).kind());
        assertEquals(TokenEndpointException.Kind.REJECTED, TokenEndpointException.ofStatus(403, null, null).kind());
        assertEquals(TokenEndpointException.Kind.INVALID_RESPONSE, TokenEndpointException.ofStatus(404, null, null).kind());
    }

    @Test
    void retryAfterInSecondsIsReadAndAnythingElseIgnored() {
        assertEquals(Duration.ofSeconds(120), TokenEndpoint.retryAfter(" 120 "));
        assertEquals(null, TokenEndpoint.retryAfter("Wed, 21 Oct 2026 07:28:00 GMT"));
        assertEquals(null, TokenEndpoint.retryAfter("-3"));
        assertEquals(null, TokenEndpoint.retryAfter(null));
    }
}
