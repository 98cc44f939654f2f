package dev.tollgate.provider.bigcommerce;

import dev.tollgate.spi.BearerTokenSource;
import dev.tollgate.spi.Credential;
import dev.tollgate.spi.Expiry;
import dev.tollgate.spi.Secret;
import dev.tollgate.spi.TenantSettings;
import dev.tollgate.spi.TokenContext;
import dev.tollgate.spi.TokenEndpoint;
import dev.tollgate.spi.TokenEndpointException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A GraphQL Storefront token: {@code POST /stores/{hash}/v3/storefront/api-token} with the stable
 * token, {@code expires_at} (required) from {@code storefront-token-lifetime}, the channel and the
 * allowed CORS origins; sent as Bearer to the storefront's {@code /graphql}.
 */
final class StorefrontTokenSource extends BearerTokenSource {

    /** {@code {"data": {"token": "<JWT>"}, "meta": {}}}. */
    public static final class Answer {
        public Data data;
    }

    public static final class Data {
        public String token;
    }

    private final StableTokenSource stable;

    StorefrontTokenSource(StableTokenSource stable) {
        this.stable = stable;
    }

    @Override
    public String name() {
        return "storefront-token";
    }

    /** {@code storefront-revoke-on-shutdown=true}: tokens made for this application die with it. */
    @Override
    public boolean revokesOnShutdown(TenantSettings settings) {
        return StoreSettings.revokeOnShutdown(settings);
    }

    /** {@code DELETE /stores/{hash}/v3/storefront/api-token} with {@code Sf-Api-Token}. */
    @Override
    public void revoke(TokenContext context, Credential credential) {
        Secret stableToken = context.credential(stable).value();
        try (Response response = context.http().target(UriBuilder.fromUri(context.settings().baseUrl()).path("stores")
                        .path(StoreSettings.storeHash(context.settings())).path("v3/storefront/api-token"))
                .request().header("X-Auth-Token", stableToken.reveal())
                .header("Sf-Api-Token", credential.value().reveal()).delete()) {
            if (response.getStatus() / 100 != 2) {
                throw TokenEndpointException.ofStatus(response.getStatus(), null, null);
            }
        }
    }

    @Override
    public Credential obtain(TokenContext context) {
        TenantSettings settings = context.settings();
        Instant expiresAt = context.clock().instant().plus(StoreSettings.lifetime(settings));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("channel_id", StoreSettings.channelId(settings));
        body.put("expires_at", expiresAt.getEpochSecond());
        if (!StoreSettings.allowedOrigins(settings).isEmpty()) {
            body.put("allowed_cors_origins", StoreSettings.allowedOrigins(settings));
        }
        Answer answer = TokenEndpoint.json(StoreApi.post(context, stable, "v3/storefront/api-token", body), Answer.class);
        if (answer.data == null) {
            throw TokenEndpointException.invalidResponse("'data' is missing");
        }
        return Credential.expiring(Expiry.token(answer.data.token, "data.token"), expiresAt);
    }
}
