package dev.tollgate.engine;

import dev.tollgate.api.UnsafeRequestException;
import dev.tollgate.spi.ClientProtocol;
import dev.tollgate.spi.CredentialSource;
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

    /**
     * The request must still go to the origin its credentials were attached for, and the provider
     * must still choose the same credentials for where it goes now (a path of the same origin can
     * be one that takes none, such as BigCommerce's REST Storefront API).
     */
    @Override
    public void filter(ClientRequestContext request) {
        if (!(request.getProperty(AuthenticationFilter.ATTACHED) instanceof List<?> list) || list.isEmpty()) {
            return;
        }
        AttachedCredential first = (AttachedCredential) list.get(0);
        URI target = request.getUri();
        if (!OriginPolicy.sameOrigin(first.origin(), target)) {
            throw new UnsafeRequestException(first.settings().ref(), "a filter moved the request from "
                    + OriginPolicy.origin(first.origin()) + " to " + OriginPolicy.origin(target)
                    + " after its credentials were attached; refused. Nothing was sent.");
        }
        if (!first.origin().getRawPath().equals(target.getRawPath())) {
            List<String> now = protocol.credentialsFor(new JaxRsOutgoingRequest(request, first.settings())).stream()
                    .map(CredentialSource::name).toList();
            List<String> attached = list.stream().map(a -> ((AttachedCredential) a).source().name()).toList();
            if (!now.equals(attached)) {
                throw new UnsafeRequestException(first.settings().ref(), "a filter moved the request to a path that"
                        + " takes other credentials than those attached; refused. Nothing was sent.");
            }
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
