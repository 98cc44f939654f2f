package dev.tollgate.engine;

import jakarta.ws.rs.core.Configurable;
import jakarta.ws.rs.client.ClientRequestContext;

/**
 * Credentials never follow a redirect: a request that carries them is sent with automatic
 * redirects off, so a 3xx reaches the application, and whatever it sends next passes the origin
 * check again. The property names are the JAX-RS implementations' own (no compile dependency).
 */
final class RedirectPolicy {

    static final String JERSEY_FOLLOW_REDIRECTS = "jersey.config.client.followRedirects";
    static final String RESTEASY_FOLLOW_REDIRECTS = "dev.resteasy.client.follow.redirects";

    private RedirectPolicy() {
    }

    static void disableFor(ClientRequestContext request) {
        request.setProperty(JERSEY_FOLLOW_REDIRECTS, Boolean.FALSE);
        request.setProperty(RESTEASY_FOLLOW_REDIRECTS, Boolean.FALSE);
    }

    static void disableFor(Configurable<?> configurable) {
        configurable.property(JERSEY_FOLLOW_REDIRECTS, Boolean.FALSE);
        configurable.property(RESTEASY_FOLLOW_REDIRECTS, Boolean.FALSE);
    }
}
