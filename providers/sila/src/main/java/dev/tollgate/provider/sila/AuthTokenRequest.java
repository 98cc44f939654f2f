package dev.tollgate.provider.sila;

import dev.tollgate.spi.Secret;
import dev.tollgate.spi.TenantSettings;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriBuilder;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;

/** {@code POST {base}/auth_token} as Sila documents it (providers/sila/PROTOCOL.md): Basic client credentials and a JSON header. */
final class AuthTokenRequest {

    private final TenantSettings settings;
    private final Secret clientSecret;
    private final Secret basic;
    private final String appHandle;

    private AuthTokenRequest(TenantSettings settings, String clientId, Secret clientSecret, String appHandle) {
        this.settings = settings;
        this.clientSecret = clientSecret;
        this.basic = Secret.basic(clientId, clientSecret);
        this.appHandle = appHandle;
    }

    static AuthTokenRequest from(TenantSettings settings) {
        return new AuthTokenRequest(settings,
                settings.require(AuthTokenSource.CLIENT_ID, "Sila client id"),
                settings.requireSecret(AuthTokenSource.CLIENT_SECRET, "Sila client secret"),
                settings.require(AuthTokenSource.APP_HANDLE, "Sila app handle"));
    }

    /** What the request carries that an echoing error body must not pass on: the secret, and the Basic value. */
    Secret[] sentSecrets() {
        return new Secret[] {clientSecret, basic};
    }

    Invocation build(Client http, Clock clock) {
        Map<String, Object> header = Map.of(
                "created", clock.instant().getEpochSecond(),
                "app_handle", appHandle,
                "version", "0.2",
                "reference", UUID.randomUUID().toString());
        return http.target(UriBuilder.fromUri(settings.baseUrl()).path("auth_token"))
                .request(MediaType.APPLICATION_JSON_TYPE)
                .header("Authorization", "Basic " + basic.reveal())
                .build("POST", Entity.json(Map.of("header", header)));
    }
}
