package dev.tollgate.provider.elasticpath;

import dev.tollgate.spi.Credential;
import dev.tollgate.spi.Secret;
import dev.tollgate.spi.TokenContext;
import dev.tollgate.spi.TokenEndpoint;
import dev.tollgate.spi.TokenEndpointException;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriBuilder;

/** A shopper's login request: JSON to {@code {base}/<path>}, authorised by the store's Bearer token. */
final class ShopperLogin {

    private ShopperLogin() {
    }

    /**
     * Sends the login and returns the answer's body; failures are the engine's to classify.
     * Elastic Path answers 401 both to a wrong password and to a Bearer token it no longer
     * accepts (revoked, or expired early), so a 401 drops the Bearer token the login carried
     * (unless another call has replaced it already) and the login is sent once more with a fresh
     * one: a refused token would otherwise fail every shopper's login until it expires. A second
     * 401 is the shopper's.
     */
    static String post(TokenContext context, AccessTokenSource bearer, String path, Object login, Secret password) {
        Credential access = context.credential(bearer);
        try {
            return send(context, access, path, login, password);
        } catch (TokenEndpointException e) {
            if (e.status() != 401) {
                throw e;
            }
            context.invalidate(bearer, access);
        }
        return send(context, context.credential(bearer), path, login, password);
    }

    private static String send(TokenContext context, Credential access, String path, Object login, Secret password) {
        return TokenEndpoint.send(context.http().target(UriBuilder.fromUri(context.settings().baseUrl()).path(path))
                .request(MediaType.APPLICATION_JSON_TYPE)
                .header("Authorization", "Bearer " + access.value().reveal())
                .build("POST", Entity.json(login)), JsonApiError::explain, password, access.value());
    }
}
