package dev.tollgate.provider.bigcommerce;

import dev.tollgate.spi.Secret;
import dev.tollgate.spi.TokenContext;
import dev.tollgate.spi.TokenEndpoint;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriBuilder;

/** A token-creating call to the store's management API, made with the stable token. */
final class StoreApi {

    private StoreApi() {
    }

    /** POSTs JSON to {@code {base}/stores/{hash}/<path>} and returns the answer's body. */
    static String post(TokenContext context, StableTokenSource stable, String path, Object body) {
        String hash = StoreSettings.storeHash(context.settings());
        Secret token = context.credential(stable).value();
        return TokenEndpoint.send(context.http().target(UriBuilder.fromUri(context.settings().baseUrl())
                        .path("stores").path(hash).path(path))
                .request(MediaType.APPLICATION_JSON_TYPE)
                .header("X-Auth-Token", token.reveal())
                .build("POST", Entity.json(body)), BigCommerceProblem::explain, token);
    }
}
