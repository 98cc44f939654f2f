package dev.tollgate.provider.oauth2;

import dev.tollgate.spi.TenantSettings;
import jakarta.ws.rs.core.Form;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the token request asks for: {@code scope} (RFC 6749 §3.3), {@code audience}, and
 * {@code resource} (RFC 8707 §2: one or more absolute URIs without fragment, comma-separated in
 * the key, each sent as its own parameter).
 */
final class RequestedAccess {

    static final String SCOPE = "scope";
    static final String AUDIENCE = "audience";
    static final String RESOURCE = "resource";

    private final Optional<String> scope;
    private final Optional<String> audience;
    private final List<String> resources;

    private RequestedAccess(Optional<String> scope, Optional<String> audience, List<String> resources) {
        this.scope = scope;
        this.audience = audience;
        this.resources = resources;
    }

    static RequestedAccess from(TenantSettings settings) {
        return new RequestedAccess(settings.get(SCOPE).map(String::trim), settings.get(AUDIENCE).map(String::trim),
                resources(settings));
    }

    /** §4.4: the client credentials grant asks for the scope, audience and resources configured. */
    void addToGrant(Form form) {
        scope.ifPresent(s -> form.param("scope", s));
        audience.ifPresent(a -> form.param("audience", a));
        resources.forEach(r -> form.param("resource", r));
    }

    /**
     * §6: a refresh may repeat the scope (never wider than the original grant); RFC 8707 §2.2: and
     * the resources, so that the new token is for the same APIs.
     */
    void addToRefresh(Form form) {
        scope.ifPresent(s -> form.param("scope", s));
        resources.forEach(r -> form.param("resource", r));
    }

    /** The {@code resource} key's URIs, in order; each absolute, without fragment, listed once. */
    private static List<String> resources(TenantSettings settings) {
        Optional<String> raw = settings.get(RESOURCE);
        if (raw.isEmpty()) {
            return List.of();
        }
        List<String> resources = new ArrayList<>();
        String[] entries = raw.get().split(",", -1);
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i].trim();
            String which = entries.length == 1 ? "" : " (entry " + (i + 1) + " of " + entries.length + ")";
            if (entry.isEmpty()) {
                throw settings.invalid(RESOURCE, "has an empty entry" + which + "; separate absolute URIs with commas");
            }
            URI uri;
            try {
                uri = new URI(entry);
            } catch (URISyntaxException e) {
                throw settings.invalid(RESOURCE, "is not a URI" + which
                        + "; RFC 8707 wants absolute URIs such as https://api.example.com/");
            }
            if (!uri.isAbsolute()) {
                throw settings.invalid(RESOURCE, "is not an absolute URI" + which
                        + "; RFC 8707 wants absolute URIs such as https://api.example.com/");
            }
            if (uri.getRawFragment() != null) {
                throw settings.invalid(RESOURCE, "has a fragment (#...)" + which + ", which RFC 8707 §2 forbids");
            }
            if (resources.contains(entry)) {
                throw settings.invalid(RESOURCE, "lists " + entry + " twice");
            }
            resources.add(entry);
        }
        return List.copyOf(resources);
    }
}
