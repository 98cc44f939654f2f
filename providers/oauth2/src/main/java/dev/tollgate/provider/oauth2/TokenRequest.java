package dev.tollgate.provider.oauth2;

import dev.tollgate.spi.Secret;
import dev.tollgate.spi.TenantSettings;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.Form;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.time.Clock;
import java.util.List;

/** One client's token endpoint request: where, as whom, and for what. */
final class TokenRequest {

    static final String TOKEN_URL = "token-url";
    static final String CLIENT_ID = "client-id";
    static final String CLIENT_SECRET = "client-secret";
    static final String SCOPE = RequestedAccess.SCOPE;
    static final String AUDIENCE = RequestedAccess.AUDIENCE;
    static final String AUTH_METHOD = ClientAuthentications.AUTH_METHOD;

    private final URI tokenUrl;
    private final ClientAuthentication authentication;
    private final RequestedAccess access;

    private TokenRequest(URI tokenUrl, ClientAuthentication authentication, RequestedAccess access) {
        this.tokenUrl = tokenUrl;
        this.authentication = authentication;
        this.access = access;
    }

    static TokenRequest from(TenantSettings settings) {
        URI url = settings.requireUrl(TOKEN_URL, "token endpoint URL");
        return new TokenRequest(url, ClientAuthentications.from(settings), RequestedAccess.from(settings));
    }

    /** A request ready to send, and the secrets it carries. */
    record Prepared(Invocation invocation, List<Secret> sentSecrets) {
    }

    /** §4.4: {@code grant_type=client_credentials}. */
    Prepared clientCredentials(Client http, Clock clock) {
        Form form = new Form().param("grant_type", "client_credentials");
        access.addToGrant(form);
        return authenticated(http, form, clock);
    }

    /** §6: {@code grant_type=refresh_token}. */
    Prepared refresh(Client http, Clock clock, Secret refreshToken) {
        Form form = new Form().param("grant_type", "refresh_token").param("refresh_token", refreshToken.reveal());
        access.addToRefresh(form);
        return authenticated(http, form, clock);
    }

    private Prepared authenticated(Client http, Form form, Clock clock) {
        Invocation.Builder request = http.target(tokenUrl).request(MediaType.APPLICATION_JSON_TYPE);
        List<Secret> sent = authentication.addTo(request, form, tokenUrl, clock);
        return new Prepared(request.build("POST", Entity.form(form)), sent);
    }
}
