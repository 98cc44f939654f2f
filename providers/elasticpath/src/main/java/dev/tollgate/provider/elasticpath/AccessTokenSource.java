package dev.tollgate.provider.elasticpath;

import dev.tollgate.spi.BearerTokenSource;
import dev.tollgate.spi.Credential;
import dev.tollgate.spi.Expiry;
import dev.tollgate.spi.Secret;
import dev.tollgate.spi.TenantSettings;
import dev.tollgate.spi.TokenContext;
import dev.tollgate.spi.TokenEndpoint;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Form;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriBuilder;
import java.util.Optional;

/**
 * The store's Bearer token: client credentials grant with a secret, implicit grant without, or
 * always implicit for the token that goes with a shopper's (as Elastic Path documents it:
 * providers/elasticpath/PROTOCOL.md).
 * Elastic Path issues no refresh token; a new one is asked for near {@code expires}.
 */
final class AccessTokenSource extends BearerTokenSource {

    private final boolean implicitOnly;

    private AccessTokenSource(boolean implicitOnly) {
        this.implicitOnly = implicitOnly;
    }

    /** Client credentials when {@code client-secret} is set, implicit otherwise. */
    static AccessTokenSource configured() {
        return new AccessTokenSource(false);
    }

    /** Always the implicit grant: the Bearer token sent together with a shopper's token. */
    static AccessTokenSource implicit() {
        return new AccessTokenSource(true);
    }

    @Override
    public String name() {
        return implicitOnly ? "implicit-token" : super.name();
    }

    static final String CLIENT_ID = "client-id";
    static final String CLIENT_SECRET = "client-secret";

    /** {@code {"expires": <epoch s>, "identifier", "expires_in", "access_token", "token_type": "Bearer"}}. */
    public static final class Answer {
        public Long expires;
        public String identifier;
        public Long expires_in;
        public String access_token;
        public String token_type;
    }

    /** Which grant was refused, and the keys it sent. */
    @Override
    public Optional<String> rejectionAdvice(TenantSettings settings) {
        String region = " (and that " + settings.keyName("base-url") + " is the store's region).";
        if (!implicitOnly && settings.get(CLIENT_SECRET).isPresent()) {
            return Optional.of("The store's client_credentials token request was refused: check "
                    + settings.keyName(CLIENT_ID) + " and " + settings.keyName(CLIENT_SECRET) + region);
        }
        return Optional.of("The store's implicit token request was refused: check " + settings.keyName(CLIENT_ID) + region);
    }

    @Override
    public void check(TenantSettings settings) {
        clientId(settings);
        clientSecret(settings);
    }

    @Override
    public Credential obtain(TokenContext context) {
        TenantSettings settings = context.settings();
        Form form = new Form().param("client_id", clientId(settings));
        Optional<Secret> secret = clientSecret(settings);
        if (secret.isPresent()) {
            form.param("grant_type", "client_credentials").param("client_secret", secret.get().reveal());
        } else {
            form.param("grant_type", "implicit");
        }
        String body = TokenEndpoint.send(context.http().target(UriBuilder.fromUri(settings.baseUrl()).path("oauth/access_token"))
                .request(MediaType.APPLICATION_JSON_TYPE).build("POST", Entity.form(form)), JsonApiError::explain,
                secret.orElse(null));
        Answer answer = TokenEndpoint.json(body, Answer.class);
        return Credential.expiring(Expiry.token(answer.access_token, "access_token"), Expiry.epochSeconds(answer.expires, "expires"));
    }

    private static String clientId(TenantSettings settings) {
        return settings.require(CLIENT_ID, "Elastic Path client id");
    }

    /** The secret of the client_credentials grant; none for the implicit grant. */
    private Optional<Secret> clientSecret(TenantSettings settings) {
        return !implicitOnly && settings.get(CLIENT_SECRET).isPresent()
                ? Optional.of(settings.requireSecret(CLIENT_SECRET, "Elastic Path client secret")) : Optional.empty();
    }

}
