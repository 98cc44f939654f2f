package dev.tollgate.testkit.simulator.oauth2;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * RFC 8707 §2 at the token endpoint: each {@code resource} parameter an absolute URI without
 * fragment, and one the client may ask for; else 400 {@code invalid_target}. The token is then
 * for exactly those resources.
 */
final class ResourceIndicators {

    /**
     * What a request asked for.
     *
     * @param audience the resources, space-separated, when any was asked for
     * @param refusal  the {@code invalid_target} description, when one is refused
     */
    record Outcome(Optional<String> audience, Optional<String> refusal) {
    }

    private ResourceIndicators() {
    }

    static Outcome read(Map<String, List<String>> form, Set<String> allowed) {
        List<String> requested = form.getOrDefault("resource", List.of());
        if (requested.isEmpty()) {
            return new Outcome(Optional.empty(), Optional.empty());
        }
        for (String resource : requested) {
            if (!isAbsoluteWithoutFragment(resource)) {
                return refused("A resource must be an absolute URI without fragment");
            }
            if (!allowed.contains(resource)) {
                return refused("The client may not ask for a token for " + resource);
            }
        }
        return new Outcome(Optional.of(String.join(" ", requested)), Optional.empty());
    }

    private static Outcome refused(String description) {
        return new Outcome(Optional.empty(), Optional.of(description));
    }

    private static boolean isAbsoluteWithoutFragment(String resource) {
        try {
            URI uri = new URI(resource);
            return uri.isAbsolute() && uri.getRawFragment() == null && !resource.contains(" ");
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
