package dev.tollgate.provider.taxizer;

import dev.tollgate.spi.BearerTokenSource;
import dev.tollgate.spi.Credential;
import dev.tollgate.spi.Expiry;
import dev.tollgate.spi.Secret;
import dev.tollgate.spi.TenantSettings;
import dev.tollgate.spi.TokenContext;
import dev.tollgate.spi.TokenEndpoint;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriBuilder;
import java.util.Map;
import java.util.Optional;

/**
 * The app's JWT: Connect for a new session, AppRefreshToken to renew it. The engine refreshes
 * once per rotation and replaces the refresh token atomically, so a used one is never sent again;
 * when the refresh token has expired or refresh is refused, it Connects anew.
 */
final class SessionSource extends BearerTokenSource {

    static final String CLIENT_ID = "client-id";
    static final String CLIENT_SECRET = "client-secret";

    /** Connect's and AppRefreshToken's answer; all strings, expiries ISO-8601 UTC. */
    public static final class Session {
        public String jwtToken;
        public String jwtTokenExpireAtUTC;
        public String refreshToken;
        public String refreshTokenExpireAtUTC;
    }

    @Override
    public void check(TenantSettings settings) {
        clientId(settings);
        clientSecret(settings);
    }

    @Override
    public Credential obtain(TokenContext context) {
        TenantSettings settings = context.settings();
        Secret secret = clientSecret(settings);
        Map<String, String> login = Map.of("clientId", clientId(settings), "clientSecret", secret.reveal());
        return read(post(context, "v1/Auth/Connect", login, secret));
    }

    private static String clientId(TenantSettings settings) {
        return settings.require(CLIENT_ID, "Taxizer client id");
    }

    private static Secret clientSecret(TenantSettings settings) {
        return settings.requireSecret(CLIENT_SECRET, "Taxizer client secret");
    }

    @Override
    public Optional<Credential> refresh(TokenContext context, Credential current) {
        Optional<Secret> refreshToken = current.refreshToken();
        if (refreshToken.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(read(post(context, "v1/Auth/AppRefreshToken",
                Map.of("refreshToken", refreshToken.get().reveal()), refreshToken.get())));
    }

    private static String post(TokenContext context, String path, Map<String, String> body, Secret sent) {
        return TokenEndpoint.send(context.http().target(UriBuilder.fromUri(context.settings().baseUrl()).path(path))
                .request(MediaType.APPLICATION_JSON_TYPE).build("POST", Entity.json(body)), TaxizerMessage::parse, sent);
    }

    private static Credential read(String body) {
        Session session = TokenEndpoint.json(body, Session.class);
        return Credential.expiring(Expiry.token(session.jwtToken, "jwtToken"), Expiry.iso(session.jwtTokenExpireAtUTC, "jwtTokenExpireAtUTC"))
                .withRefreshToken(Expiry.token(session.refreshToken, "refreshToken"),
                        Expiry.iso(session.refreshTokenExpireAtUTC, "refreshTokenExpireAtUTC"));
    }
}
