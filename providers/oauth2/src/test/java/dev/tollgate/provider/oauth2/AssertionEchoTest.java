package dev.tollgate.provider.oauth2;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.CredentialsRejectedException;
import dev.tollgate.engine.testing.EngineHarness;
import dev.tollgate.engine.testing.OAuth2Loopback;
import dev.tollgate.testkit.http.LoopbackServer;
import dev.tollgate.testkit.log.ConfiguredSecrets;
import dev.tollgate.testkit.log.SecretScan;
import dev.tollgate.testkit.log.SecretSpellings;
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
 * A token endpoint that quotes the whole form in its error_description: the client assertion it
 * received (a credential until it expires) is never shown, in the exception or the log, nor is
 * client_secret_jwt's secret.
 */
class AssertionEchoTest {

    /** 401 invalid_client quoting the form; keeps each assertion it was sent. */
    @Path("echo/token")
    public static class QuotingServer {
        private static final Pattern ASSERTION = Pattern.compile("client_assertion=([^&]+)");
        final List<String> assertions = new CopyOnWriteArrayList<>();

        @POST
        public Response token(String form) {
            Matcher m = ASSERTION.matcher(form);
            if (m.find()) {
                assertions.add(ConfiguredSecrets.record(URLDecoder.decode(m.group(1), StandardCharsets.UTF_8)));
            }
            return Response.status(401).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity("{\"error\":\"invalid_client\",\"error_description\":\"rejected " + form + "\"}").build();
        }
    }

    @RegisterExtension
    final EngineHarness harness = new EngineHarness();
    private final OAuth2Loopback oauth2 = harness.oauth2();
    private final QuotingServer quoting = new QuotingServer();
    private final LoopbackServer server = harness.serve(quoting);

    @TempDir
    java.nio.file.Path dir;

    @BeforeEach
    void register() {
        AssertionKeys.register(oauth2);
    }

    @Test
    void anEchoedPrivateKeyJwtAssertionIsRemoved() {
        var client = harness.client(harness.engine(AssertionKeys.privateKeyJwt(oauth2, AssertionKeys.RSA_CLIENT,
                        AssertionKeys.pkcs12(dir, AssertionKeys.RSA, AssertionKeys.RSA_CERTIFICATE))
                .and("tollgate.api.token-url", server.url("echo/token"))), OAuth2Loopback.CLIENT);

        CredentialsRejectedException e = assertThrows(CredentialsRejectedException.class, () -> oauth2.call(client));

        String assertion = quoting.assertions.get(0);
        assertTrue(e.vendorDetail().orElseThrow().startsWith("invalid_client: rejected "), e.getMessage());
        // the cut at 300 characters falls inside the assertion: what remains of it is masked too
        assertTrue(e.getMessage().contains("&client_assertion=****"), e.getMessage());
        assertFalse(e.getMessage().contains(assertion.substring(0, 60)), e.getMessage());
    }

    @Test
    void anEchoedClientSecretJwtAssertionIsRemovedAndTheSecretWasNeverSent() {
        var client = harness.client(harness.engine(oauth2.config(OAuth2Provider.ID, AssertionKeys.SECRET_JWT_CLIENT,
                        AssertionKeys.SECRET_JWT_SECRET)
                .and("tollgate.api.auth-method", "client_secret_jwt")
                .and("tollgate.api.token-url", server.url("echo/token"))), OAuth2Loopback.CLIENT);

        CredentialsRejectedException e = assertThrows(CredentialsRejectedException.class, () -> oauth2.call(client));

        String assertion = quoting.assertions.get(0);
        assertFalse(e.getMessage().contains(assertion.substring(0, 60)), e.getMessage());
        assertFalse(SecretScan.containsAny(e.getMessage(), SecretSpellings.of(AssertionKeys.SECRET_JWT_SECRET)), e.getMessage());
    }
}
