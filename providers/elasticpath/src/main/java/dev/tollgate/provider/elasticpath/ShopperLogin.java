package dev.tollgate.provider.elasticpath;

import dev.tollgate.spi.Credential;
import dev.tollgate.spi.Secret;
import dev.tollgate.spi.TokenContext;
import dev.tollgate.spi.TokenEndpoint;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriBuilder;

/** A shopper's login request: JSON to {@code {base}/<path>}, authorised by the store's Bearer token. */
final class ShopperLogin {

    private ShopperLogin() {
    }

    /** Sends the login and returns the answer's body; failures are the engine's to classify. */
    static String post(TokenContext context, AccessTokenSource bearer, String path, Object login, Secret password) {
        Credential access = context.credential(bearer);
        return TokenEndpoint.send(context.http().target(UriBuilder.fromUri(context.settings().baseUrl()).path(path))
                .request(MediaType.APPLICATION_JSON_TYPE)
                .header("Authorization", "Bearer " + access.value().reveal())
                .build("POST", Entity.json(login)), JsonApiError::explain, password, access.value());
    }
}
