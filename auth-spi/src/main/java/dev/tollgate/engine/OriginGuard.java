package dev.tollgate.engine;

import dev.tollgate.api.UnsafeRequestException;
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

    @Override
    public void filter(ClientRequestContext request) {
        if (request.getProperty(AuthenticationFilter.ATTACHED) instanceof List<?> attached && !attached.isEmpty()) {
            requireSameOrigin(((AttachedCredential) attached.get(0)).settings(), request.getUri());
        }
    }

    static void requireSameOrigin(ConfiguredSettings settings, URI target) {
        if (!OriginPolicy.sameOrigin(settings.baseUrl(), target)) {
            throw new UnsafeRequestException(settings.ref(), "refused to send credentials to "
                    + OriginPolicy.origin(target) + "; only " + OriginPolicy.origin(settings.baseUrl())
                    + " (" + settings.baseUrlSource() + ") receives them. Nothing was sent.");
        }
    }
}
