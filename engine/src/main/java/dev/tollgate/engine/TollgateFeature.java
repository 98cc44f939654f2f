package dev.tollgate.engine;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;

/**
 * Registers one client's filters on a JAX-RS client: the engine's request filter (last of all),
 * its response filter for refused credentials, and the provider's own (which carry no credential).
 */
final class TollgateFeature implements Feature {

    private final BoundClient client;
    private final CredentialCache cache;
    private final Sleeper sleeper;

    TollgateFeature(BoundClient client, CredentialCache cache, Sleeper sleeper) {
        this.client = client;
        this.cache = cache;
        this.sleeper = sleeper;
    }

    @Override
    public boolean configure(FeatureContext context) {
        context.register(new AuthenticationFilter(client, cache, sleeper), AuthenticationFilter.PRIORITY);
        context.register(new RejectionFilter(client, cache), Priorities.AUTHENTICATION);
        for (ClientRequestFilter filter : client.protocol().filters()) {
            context.register(filter, Priorities.HEADER_DECORATOR);
        }
        RedirectPolicy.disableFor(context);
        return true;
    }

    @Override
    public String toString() {
        return "TollgateFeature[" + client.name() + "]";
    }
}
