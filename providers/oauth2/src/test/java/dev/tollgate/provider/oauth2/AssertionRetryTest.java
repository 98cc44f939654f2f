package dev.tollgate.provider.oauth2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.tollgate.engine.testing.EngineHarness;
import dev.tollgate.engine.testing.OAuth2Loopback;
import dev.tollgate.testkit.http.LoopbackServer;
import dev.tollgate.testkit.log.ConfiguredSecrets;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A token request the engine repeats after a 503 carries a new assertion: a server that saw the
 * first one (and its jti) before failing would refuse the same one again as a replay.
 */
class AssertionRetryTest {

    /** The API: any Bearer token will do. */
    @Path("flaky/api")
    public static class FlakyApi {
        @GET
        public Response resource() {
            return Response.ok("{}", MediaType.APPLICATION_JSON_TYPE).build();
        }
    }

    /** 503 to the first request, a token to the next; keeps each assertion. */
    @Path("flaky/token")
    public static class FlakyServer {
        private static final Pattern ASSERTION = Pattern.compile("client_assertion=([^&]+)");
        final List<String> assertions = new CopyOnWriteArrayList<>();

        @POST
        public Response token(String form) {
            Matcher m = ASSERTION.matcher(form);
            if (m.find()) {
                assertions.add(ConfiguredSecrets.record(URLDecoder.decode(m.group(1), StandardCharsets.UTF_8)));
            }
            if (assertions.size() == 1) {
                return Response.status(503).type(MediaType.APPLICATION_JSON_TYPE)
                        .entity("{\"error\":\"temporarily_unavailable\"}").build();
            }
            return Response.ok("{\"access_token\":\"" + ConfiguredSecrets.record("Fq4kyT0kZn7wRvB2xMp9")
                    + "\",\"token_type\":\"Bearer\",\"expires_in\":300}", MediaType.APPLICATION_JSON_TYPE).build();
        }
    }

    @RegisterExtension
    final EngineHarness harness = new EngineHarness();
    private final OAuth2Loopback oauth2 = harness.oauth2();
    private final FlakyServer flaky = new FlakyServer();
    private final LoopbackServer server = harness.serve(flaky, new FlakyApi());

    @TempDir
    java.nio.file.Path dir;

    @BeforeEach
    void register() {
        AssertionKeys.register(oauth2);
    }

    @Test
    void aRetriedTokenRequestCarriesANewAssertion() {
        var engine = harness.engine(AssertionKeys.privateKeyJwt(oauth2, AssertionKeys.RSA_CLIENT,
                        AssertionKeys.pkcs12(dir, AssertionKeys.RSA, AssertionKeys.RSA_CERTIFICATE))
                .and("tollgate.api.token-url", server.url("flaky/token"))
                .and("tollgate.api.base-url", server.url("flaky/")));

        try (Response response = harness.client(engine, OAuth2Loopback.CLIENT).target(server.url("flaky/api")).request().get()) {
            assertEquals(200, response.getStatus());
        }

        assertEquals(2, flaky.assertions.size());
        assertNotEquals(AssertionKeys.part(flaky.assertions.get(0), 1).get("jti"), AssertionKeys.part(flaky.assertions.get(1), 1).get("jti"));
    }
}
