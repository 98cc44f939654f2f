package dev.tollgate.provider.oauth2;

import dev.tollgate.spi.Secret;
import dev.tollgate.spi.TenantSettings;
import dev.tollgate.spi.TokenContext;
import dev.tollgate.spi.TokenEndpointException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.Form;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.util.List;

/** One client's token endpoint request: where, as whom, and for what. */
final class TokenRequest {

    static final String TOKEN_URL = TokenEndpointLocation.TOKEN_URL;
    static final String ISSUER = Issuer.KEY;
    static final String CLIENT_ID = "client-id";
    static final String CLIENT_SECRET = "client-secret";
    static final String SCOPE = RequestedAccess.SCOPE;
    static final String AUDIENCE = RequestedAccess.AUDIENCE;
    static final String RESOURCE = RequestedAccess.RESOURCE;
    static final String TOKEN_PARAMETERS = TokenParameters.KEY;
    static final String AUTH_METHOD = ClientAuthentications.AUTH_METHOD;

    private final TokenEndpointLocation location;
    private final ClientAuthentication authentication;
    private final RequestedAccess access;
    private final TokenParameters parameters;

    private TokenRequest(TokenEndpointLocation location, ClientAuthentication authentication, RequestedAccess access,
                         TokenParameters parameters) {
        this.location = location;
        this.authentication = authentication;
        this.access = access;
        this.parameters = parameters;
    }

    /** Reads and checks every key a token request uses; sends nothing. */
    static TokenRequest from(TenantSettings settings, Discovery discovery) {
        TokenEndpointLocation location = TokenEndpointLocation.from(settings, discovery);
        return new TokenRequest(location, ClientAuthentications.from(settings), RequestedAccess.from(settings),
                TokenParameters.from(settings));
    }

    /** A request ready to send, and the secrets it carries. */
    record Prepared(Invocation invocation, List<Secret> sentSecrets) {
    }

    /** §4.4: {@code grant_type=client_credentials}. */
    Prepared clientCredentials(TokenContext context) {
        Form form = new Form().param("grant_type", "client_credentials");
        access.addToGrant(form);
        parameters.addTo(form);
        return authenticated(context, form);
    }

    /** §6: {@code grant_type=refresh_token}. */
    Prepared refresh(TokenContext context, Secret refreshToken) {
        Form form = new Form().param("grant_type", "refresh_token").param("refresh_token", refreshToken.reveal());
        access.addToRefresh(form);
        parameters.addTo(form);
        return authenticated(context, form);
    }

    /** Told that the request failed so: a discovered token endpoint that is gone is looked up again next time. */
    void failed(TokenEndpointException failure) {
        location.failed(failure);
    }

    private Prepared authenticated(TokenContext context, Form form) {
        Client http = context.http();
        // the endpoint first: a discovery that fails or contradicts the configuration sends nothing to any token endpoint
        URI tokenUrl = location.tokenUrl(http, Discovery.deadline(context), authentication.method());
        Invocation.Builder request = http.target(tokenUrl).request(MediaType.APPLICATION_JSON_TYPE);
        List<Secret> sent = authentication.addTo(request, form, tokenUrl, context.clock());
        return new Prepared(request.build("POST", Entity.form(form)), sent);
    }
}
