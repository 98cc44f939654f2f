package dev.tollgate.engine;

import dev.tollgate.api.UnsafeRequestException;
import dev.tollgate.spi.ClientProtocol;
import jakarta.annotation.Priority;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import java.net.URI;
import java.util.List;

/**
 * The last request filter: checks again, after every other filter has run, that a request
 * carrying Tollgate credentials still goes to the origin they were attached for. An application
 * filter that rewrites the URI to another host therefore cannot take the credentials along.
 */
@Priority(Integer.MAX_VALUE)
final class OriginGuard implements ClientRequestFilter {

    private final ClientProtocol protocol;

    OriginGuard(ClientProtocol protocol) {
        this.protocol = protocol;
    }

    @Override
    public void filter(ClientRequestContext request) {
        if (request.getProperty(AuthenticationFilter.ATTACHED) instanceof List<?> attached && !attached.isEmpty()) {
            requireAllowedOrigin(((AttachedCredential) attached.get(0)).settings(), protocol, request.getUri());
        }
    }

    static void requireAllowedOrigin(ConfiguredSettings settings, ClientProtocol protocol, URI target) {
        List<URI> allowed = settings.allowedOrigins(protocol);
        for (URI origin : allowed) {
            if (OriginPolicy.sameOrigin(origin, target)) {
                return;
            }
        }
        String where = allowed.size() == 1 && allowed.get(0).equals(settings.baseUrl())
                ? OriginPolicy.origin(settings.baseUrl()) + " (" + settings.baseUrlSource() + ")"
                : allowed.stream().map(OriginPolicy::origin).toList().toString();
        throw new UnsafeRequestException(settings.ref(), "refused to send credentials to "
                + OriginPolicy.origin(target) + "; only " + where + " receives them. Nothing was sent.");
    }
}
