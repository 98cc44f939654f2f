package dev.tollgate.provider.oauth2;

import dev.tollgate.spi.KeyFiles;
import dev.tollgate.spi.Secret;
import dev.tollgate.spi.TenantSettings;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.Form;
import java.net.URI;
import java.time.Clock;
import java.util.List;

/**
 * RFC 8705 §2: the client proves who it is with its certificate in the TLS handshake, which the
 * engine's HTTP client presents ({@code tls-key-store}); the request carries only
 * {@code client_id} (§2, RFC 6749 §2.3). {@code tls_client_auth} (a certificate from a CA, the
 * server matching its subject) and {@code self_signed_tls_client_auth} (a certificate registered
 * with the server) differ only at the server.
 */
final class TlsClientAuth implements ClientAuthentication {

    static final String TLS_KEY_STORE = "tls-key-store";

    private final String method;
    private final String clientId;

    private TlsClientAuth(String method, String clientId) {
        this.method = method;
        this.clientId = clientId;
    }

    /** The method {@code method} for {@code clientId}; the client's certificate must be configured. */
    static TlsClientAuth from(TenantSettings settings, String clientId, String method) {
        if (!KeyFiles.isConfigured(settings, KeyFiles.keys(TLS_KEY_STORE))) {
            throw settings.invalid(TLS_KEY_STORE, "is not set, but " + settings.keyName(ClientAuthentications.AUTH_METHOD) + " "
                    + method + " authenticates the client by its TLS certificate: set it to the key store holding the"
                    + " client's key and certificate");
        }
        return new TlsClientAuth(method, clientId);
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public List<Secret> addTo(Invocation.Builder request, Form form, URI tokenUrl, Clock clock) {
        form.param("client_id", clientId);
        return List.of();
    }
}
