package dev.tollgate.engine.fake;

import dev.tollgate.spi.AuthProvider;
import dev.tollgate.spi.BearerTokenSource;
import dev.tollgate.spi.ClientProtocol;
import dev.tollgate.spi.Credential;
import dev.tollgate.spi.CredentialSource;
import dev.tollgate.spi.Expiry;
import dev.tollgate.spi.Secret;
import dev.tollgate.spi.TenantSettings;
import dev.tollgate.spi.TokenContext;
import dev.tollgate.spi.TokenEndpoint;
import dev.tollgate.spi.TokenEndpointException;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Form;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The least an OAuth2 client-credentials provider does, from the SPI's building blocks, to speak
 * to the test kit's RFC 6749 simulator: {@code token-url}, {@code client-id} and
 * {@code client-secret} sent as HTTP Basic, the refresh token grant when the server issued a
 * refresh token. Everything else (single flight, stale window, retries, cooldown, 401 repeat) is
 * the engine's, which is what the engine's tests test with it.
 */
public final class ClientCredentialsProvider implements AuthProvider {

    public static final String ID = "client-credentials";

    /** RFC 6749 §5.1 and §5.2, the fields this provider reads. */
    public record Answer(String access_token, String token_type, Long expires_in, String refresh_token, String error) {
    }

    private static final CredentialSource ACCESS_TOKEN = new BearerTokenSource() {
        @Override
        public Credential obtain(TokenContext context) {
            return send(context, new Form().param("grant_type", "client_credentials"), Optional.empty());
        }

        @Override
        public Optional<Credential> refresh(TokenContext context, Credential current) {
            return current.refreshToken().map(refresh -> send(context,
                    new Form().param("grant_type", "refresh_token").param("refresh_token", refresh.reveal()), Optional.of(refresh)));
        }

        @Override
        public void check(TenantSettings settings) {
            settings.requireUrl("token-url", "token endpoint");
            settings.require("client-id", "client id");
            settings.requireSecret("client-secret", "client secret");
        }
    };

    private static final ClientProtocol PROTOCOL = ClientProtocol.always(ACCESS_TOKEN);

    private static Credential send(TokenContext context, Form form, Optional<Secret> usedRefreshToken) {
        TenantSettings settings = context.settings();
        Secret secret = settings.requireSecret("client-secret", "client secret");
        Secret basic = Secret.basic(encode(settings.require("client-id", "client id")), Secret.of(encode(secret.reveal())));
        Secret[] sent = usedRefreshToken.map(r -> new Secret[] {secret, basic, r}).orElse(new Secret[] {secret, basic});
        String body = TokenEndpoint.send(context.http().target(settings.requireUrl("token-url", "token endpoint")).request()
                        .header("Authorization", "Basic " + basic.reveal()).build("POST", Entity.form(form)),
                error -> TokenEndpoint.errorJson(error, Answer.class).map(Answer::error), sent);
        Answer answer = TokenEndpoint.json(body, Answer.class);
        if (!"bearer".equalsIgnoreCase(answer.token_type())) {
            throw TokenEndpointException.invalidResponse("token_type is not Bearer");
        }
        Credential credential = Credential.expiring(Expiry.token(answer.access_token(), "access_token"),
                Expiry.in(context.clock(), answer.expires_in(), "expires_in"));
        // without a new refresh token, the one just used stays valid (RFC 6749 §6)
        return Optional.ofNullable(answer.refresh_token()).map(Secret::of).or(() -> usedRefreshToken)
                .map(credential::withRefreshToken).orElse(credential);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public ClientProtocol bind(TenantSettings clientSettings) {
        return PROTOCOL;
    }
}
