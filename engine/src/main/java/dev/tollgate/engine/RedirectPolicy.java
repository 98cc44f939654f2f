package dev.tollgate.engine;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.core.Configurable;

/**
 * Credentials never follow a redirect: a client with Tollgate's feature (and every client Tollgate
 * makes itself) has automatic redirects off, so a 3xx reaches the application, and whatever it sends next passes the origin
 * check again. The property names are the JAX-RS implementations' own (no compile dependency).
 */
final class RedirectPolicy {

    static final String JERSEY_FOLLOW_REDIRECTS = "jersey.config.client.followRedirects";
    static final String RESTEASY_FOLLOW_REDIRECTS = "dev.resteasy.client.follow.redirects";

    private RedirectPolicy() {
    }

    static void disableFor(Configurable<?> configurable) {
        configurable.property(JERSEY_FOLLOW_REDIRECTS, Boolean.FALSE);
        configurable.property(RESTEASY_FOLLOW_REDIRECTS, Boolean.FALSE);
    }

    /**
     * For a request that carries credentials: a request property, or a client property set after
     * Tollgate's feature, would turn following back on for it, so any such setting is overridden
     * on the request itself. Nothing is written when both say "off" already (the usual case).
     */
    static void disableFor(ClientRequestContext request) {
        disable(request, JERSEY_FOLLOW_REDIRECTS);
        disable(request, RESTEASY_FOLLOW_REDIRECTS);
    }

    private static void disable(ClientRequestContext request, String property) {
        Object own = request.getProperty(property);
        if (own == null ? !Boolean.FALSE.equals(request.getConfiguration().getProperty(property)) : !Boolean.FALSE.equals(own)) {
            request.setProperty(property, Boolean.FALSE);
        }
    }
}
