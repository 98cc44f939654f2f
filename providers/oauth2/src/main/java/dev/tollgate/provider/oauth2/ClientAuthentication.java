package dev.tollgate.provider.oauth2;

import dev.tollgate.spi.Secret;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.Form;
import java.net.URI;
import java.time.Clock;
import java.util.List;

/**
 * How the client proves who it is to the token endpoint ({@code auth-method}; RFC 6749 §2.3,
 * RFC 7523 §2.2, RFC 8705 §2): one method per request.
 */
interface ClientAuthentication {

    /** The {@code auth-method} value, as RFC 8414 metadata names it ({@code client_secret_basic}). */
    String method();

    /**
     * Adds this method's credentials to one token request bound for {@code tokenUrl}: a header,
     * form parameters, or both. Returns every secret the request now carries, so that an error
     * body that echoes one is cleaned of it.
     */
    List<Secret> addTo(Invocation.Builder request, Form form, URI tokenUrl, Clock clock);
}
