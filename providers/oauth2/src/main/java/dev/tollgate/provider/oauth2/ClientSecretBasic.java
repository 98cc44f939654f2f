package dev.tollgate.provider.oauth2;

import dev.tollgate.spi.Secret;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.Form;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;

/** RFC 6749 §2.3.1: {@code Authorization: Basic}, the method servers must support. */
final class ClientSecretBasic implements ClientAuthentication {

    private final String clientId;
    private final Secret clientSecret;

    ClientSecretBasic(String clientId, Secret clientSecret) {
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    @Override
    public String method() {
        return "client_secret_basic";
    }

    /** The Basic value decodes to the secret: both are sent secrets. */
    @Override
    public List<Secret> addTo(Invocation.Builder request, Form form, URI tokenUrl, Clock clock) {
        Secret basic = basicValue();
        request.header("Authorization", "Basic " + basic.reveal());
        return List.of(clientSecret, basic);
    }

    /** §2.3.1: id and secret are form-urlencoded before they are joined and Base64-encoded. */
    private Secret basicValue() {
        return Secret.basic(encode(clientId), Secret.of(encode(clientSecret.reveal())));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
