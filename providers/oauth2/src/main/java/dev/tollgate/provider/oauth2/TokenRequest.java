package dev.tollgate.provider.oauth2;

import dev.tollgate.spi.Secret;
import dev.tollgate.spi.TenantSettings;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.Form;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** One client's token endpoint request: where, as whom, and for what scope. */
final class TokenRequest {

    static final String TOKEN_URL = "token-url";
    static final String CLIENT_ID = "client-id";
    static final String CLIENT_SECRET = "client-secret";
    static final String SCOPE = "scope";
    static final String AUDIENCE = "audience";
    static final String AUTH_METHOD = "auth-method";

    private final URI tokenUrl;
    private final String clientId;
    private final Secret clientSecret;
    private final boolean basic;
    private final Optional<String> scope;
    private final Optional<String> audience;

    private TokenRequest(URI tokenUrl, String clientId, Secret clientSecret, boolean basic,
                         Optional<String> scope, Optional<String> audience) {
        this.tokenUrl = tokenUrl;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.basic = basic;
        this.scope = scope;
        this.audience = audience;
    }

    static TokenRequest from(TenantSettings settings) {
        URI url = settings.requireUrl(TOKEN_URL, "token endpoint URL");
        String method = settings.get(AUTH_METHOD).map(String::trim).orElse("client_secret_basic");
        if (!method.equals("client_secret_basic") && !method.equals("client_secret_post")) {
            throw settings.invalid(AUTH_METHOD, "must be client_secret_basic or client_secret_post");
        }
        return new TokenRequest(url, settings.require(CLIENT_ID, "OAuth2 client id"),
                settings.requireSecret(CLIENT_SECRET, "OAuth2 client secret"), method.equals("client_secret_basic"),
                settings.get(SCOPE).map(String::trim), settings.get(AUDIENCE).map(String::trim));
    }

    /**
     * What a request carries that an echoing error body must not pass on: the secret, and for
     * {@code client_secret_basic} the Basic value (which decodes to it).
     */
    Secret[] sentSecrets() {
        return basic ? new Secret[] {clientSecret, basicValue()} : new Secret[] {clientSecret};
    }

    /** §4.4: {@code grant_type=client_credentials}. */
    Invocation clientCredentials(Client http) {
        Form form = new Form().param("grant_type", "client_credentials");
        scope.ifPresent(s -> form.param("scope", s));
        audience.ifPresent(a -> form.param("audience", a));
        return authenticated(http, form);
    }

    /** §6: {@code grant_type=refresh_token}. */
    Invocation refresh(Client http, Secret refreshToken) {
        Form form = new Form().param("grant_type", "refresh_token").param("refresh_token", refreshToken.reveal());
        scope.ifPresent(s -> form.param("scope", s));
        return authenticated(http, form);
    }

    private Invocation authenticated(Client http, Form form) {
        Invocation.Builder request = http.target(tokenUrl).request(MediaType.APPLICATION_JSON_TYPE);
        if (basic) {
            request.header("Authorization", "Basic " + basicValue().reveal());
        } else {
            form.param("client_id", clientId).param("client_secret", clientSecret.reveal());
        }
        return request.build("POST", Entity.form(form));
    }

    /** §2.3.1: id and secret are form-urlencoded before they are joined and Base64-encoded. */
    private Secret basicValue() {
        return Secret.basic(encode(clientId), Secret.of(encode(clientSecret.reveal())));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
