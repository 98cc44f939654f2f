package dev.tollgate.provider.sila;

import dev.tollgate.spi.BearerTokenSource;
import dev.tollgate.spi.Credential;
import dev.tollgate.spi.Expiry;
import dev.tollgate.spi.TenantSettings;
import dev.tollgate.spi.TokenContext;
import dev.tollgate.spi.TokenEndpoint;
import dev.tollgate.spi.TokenEndpointException;

/** The app's access token; no refresh token exists, a new one is asked for near expiry. */
final class AuthTokenSource extends BearerTokenSource {

    static final String CLIENT_ID = "client-id";
    static final String CLIENT_SECRET = "client-secret";
    static final String APP_HANDLE = "app-handle";

    /** {@code {"success": true, "access_token": {"token", "expiration", "expiration_dt"}}}. */
    public static final class Answer {
        public Boolean success;
        public Token access_token;
    }

    public static final class Token {
        public String token;
        public Long expiration;
        public String expiration_dt;
    }

    @Override
    public void check(TenantSettings settings) {
        AuthTokenRequest.from(settings);
    }

    @Override
    public Credential obtain(TokenContext context) {
        AuthTokenRequest request = AuthTokenRequest.from(context.settings());
        String body = TokenEndpoint.send(request.build(context.http(), context.clock()), SilaMessage::parse, request.sentSecrets());
        Answer answer = TokenEndpoint.json(body, Answer.class);
        if (!Boolean.TRUE.equals(answer.success) || answer.access_token == null) {
            throw TokenEndpointException.invalidResponse("'success' is not true or 'access_token' is missing");
        }
        return Credential.expiring(Expiry.token(answer.access_token.token, "access_token.token"),
                Expiry.epochSeconds(answer.access_token.expiration, "access_token.expiration"));
    }

}
