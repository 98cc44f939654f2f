package dev.tollgate.engine;

import dev.tollgate.api.UnsafeRequestException;
import dev.tollgate.spi.ClientProtocol;
import java.net.URI;
import java.util.Arrays;

/**
 * Where a request with credentials may go: one of the origins the provider allows for the
 * tenant's settings, judged on the URI as every application filter left it (the check runs in
 * {@link AuthenticationFilter}, the last filter).
 */
final class OriginGuard {

    private OriginGuard() {
    }

    static void requireAllowedOrigin(ClientTenant tenant, ClientProtocol protocol, URI target) {
        URI[] allowed = tenant.origins(protocol);
        for (URI origin : allowed) {
            if (OriginPolicy.sameOrigin(origin, target)) {
                return;
            }
        }
        ConfiguredSettings settings = tenant.settings();
        String where = allowed.length == 1 && allowed[0].equals(settings.baseUrl())
                ? OriginPolicy.origin(settings.baseUrl()) + " (" + settings.baseUrlSource() + ")"
                : Arrays.stream(allowed).map(OriginPolicy::origin).toList().toString();
        throw new UnsafeRequestException(settings.ref(), "refused to send credentials to "
                + OriginPolicy.origin(target) + "; only " + where + " receives them. Nothing was sent.");
    }
}
