package dev.tollgate.provider.oauth2;

import dev.tollgate.spi.Secret;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.Form;
import java.net.URI;
import java.time.Clock;
import java.util.List;

/** RFC 6749 §2.3.1: {@code client_id} and {@code client_secret} in the form. */
final class ClientSecretPost implements ClientAuthentication {

    private final String clientId;
    private final Secret clientSecret;

    ClientSecretPost(String clientId, Secret clientSecret) {
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    @Override
    public String method() {
        return "client_secret_post";
    }

    @Override
    public List<Secret> addTo(Invocation.Builder request, Form form, URI tokenUrl, Clock clock) {
        form.param("client_id", clientId).param("client_secret", clientSecret.reveal());
        return List.of(clientSecret);
    }
}
