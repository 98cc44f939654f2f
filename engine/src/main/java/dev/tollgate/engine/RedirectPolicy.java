package dev.tollgate.engine;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.core.Configurable;
import jakarta.ws.rs.core.Configuration;

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
        Object jersey = request.getProperty(JERSEY_FOLLOW_REDIRECTS);
        Object resteasy = request.getProperty(RESTEASY_FOLLOW_REDIRECTS);
        // runs on every request with credentials: the client's configuration is fetched once, and only when needed
        Configuration client = jersey == null || resteasy == null ? request.getConfiguration() : null;
        disable(request, JERSEY_FOLLOW_REDIRECTS, jersey, client);
        disable(request, RESTEASY_FOLLOW_REDIRECTS, resteasy, client);
    }

    private static void disable(ClientRequestContext request, String property, Object own, Configuration client) {
        if (!Boolean.FALSE.equals(own == null ? client.getProperty(property) : own)) {
            request.setProperty(property, Boolean.FALSE);
        }
    }
}
