package dev.tollgate.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.CredentialsRejectedException;
import dev.tollgate.api.Refuser;
import dev.tollgate.engine.testing.EngineHarness;
import dev.tollgate.spi.AuthProvider;
import dev.tollgate.spi.BearerTokenSource;
import dev.tollgate.spi.ClientProtocol;
import dev.tollgate.spi.Credential;
import dev.tollgate.spi.TenantSettings;
import dev.tollgate.spi.TokenContext;
import dev.tollgate.spi.TokenEndpointException;
import dev.tollgate.testkit.config.TestConfig;
import dev.tollgate.testkit.http.LoopbackServer;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Which URL a token endpoint's refusal names: the answer it came from. A provider that refuses on
 * its own reading of an answer the endpoint gave with success is not made to blame that URL.
 */
class TokenEndpointRefusalTest {

    @RegisterExtension
    final EngineHarness harness = new EngineHarness();
    private final LoopbackServer server = harness.serve(new Issuer());

    @Path("issuer")
    public static final class Issuer {
        @GET
        @Path("ok")
        public Response ok() {
            return Response.ok("{}").build();
        }
    }

    /** Asks the issuer, which answers 200, then refuses by itself, as a provider reading the answer may. */
    private final class RefusesAfterSuccess extends BearerTokenSource {
        @Override
        public Credential obtain(TokenContext context) {
            context.http().target(server.url("issuer/ok")).request().get().close();
            throw TokenEndpointException.ofStatus(401, null, "the grant in the answer is not ours");
        }
    }

    @Test
    void aRefusalNoAnswerGaveNamesNoUrl() {
        TollgateEngine engine = TollgateEngine.builder()
                .config(TestConfig.with("tollgate.own.provider", "own").and("tollgate.own.base-url", server.url("api/")).build())
                .clock(harness.clock).sleeper(harness.sleeper).providers(List.of(provider())).build();
        harness.closeAfter(engine::close);

        CredentialsRejectedException e = assertThrows(CredentialsRejectedException.class,
                () -> harness.client(engine, "own").target(server.url("api/thing")).request().get());

        assertEquals(Optional.of(Refuser.tokenEndpoint(null)), e.refuser());
        assertTrue(e.getMessage().contains("(provider own): the token endpoint refused the credentials sent for the access-token"
                + " (HTTP 401): the grant in the answer is not ours. "), e.getMessage());
    }

    private AuthProvider provider() {
        return new AuthProvider() {
            @Override
            public String id() {
                return "own";
            }

            @Override
            public ClientProtocol bind(TenantSettings clientSettings) {
                return ClientProtocol.always(new RefusesAfterSuccess());
            }
        };
    }
}
