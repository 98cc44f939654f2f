package dev.tollgate.provider.oauth2;

import dev.tollgate.spi.TenantSettings;
import jakarta.ws.rs.core.Form;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code token-parameters}: parameters some authorization servers want in every token request
 * beyond what RFC 6749 defines, written as a form body is ({@code name=value&name=value}, names
 * and values form-urlencoded). One key, so that a tenant overrides the whole set as it does any
 * other key. Sent in both grants: §3.2 has servers ignore parameters they do not know. Names
 * Tollgate sets itself are refused: a second {@code client_id} or {@code grant_type} would make
 * the request one the RFC forbids, or another one than configured.
 */
final class TokenParameters {

    static final String KEY = "token-parameters";

    /** Case does not matter here: a server that reads names loosely must not see a second one either. */
    private static final Set<String> TOLLGATES = Set.of("grant_type", "client_id", "client_secret", "client_assertion",
            "client_assertion_type", "refresh_token", "scope", "audience", "resource");
    /** A name shown in a message: only one that reads as a parameter name (a pasted secret does not). */
    private static final Pattern SHOWN_NAME = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

    private final Map<String, String> parameters;

    private TokenParameters(Map<String, String> parameters) {
        this.parameters = parameters;
    }

    static TokenParameters from(TenantSettings settings) {
        String raw = settings.get(KEY).map(String::trim).orElse("");
        Map<String, String> parameters = new LinkedHashMap<>();
        if (raw.isEmpty()) {
            return new TokenParameters(Map.of());
        }
        if (raw.startsWith("?")) {
            // a URL's query copied whole: the first name would be sent as "?name", which servers ignore
            throw settings.invalid(KEY, "starts with '?', as a URL's query does: write the parameters without it,"
                    + " name=value&name=value");
        }
        String[] pairs = raw.split("&", -1);
        for (int i = 0; i < pairs.length; i++) {
            String which = "entry " + (i + 1) + " of " + pairs.length;
            int equals = pairs[i].indexOf('=');
            if (equals <= 0) {
                throw settings.invalid(KEY, "has no name=value at " + which + "; write name=value&name=value, form-urlencoded");
            }
            String name = decode(settings, pairs[i].substring(0, equals), which);
            String value = decode(settings, pairs[i].substring(equals + 1), which);
            if (name.chars().anyMatch(Character::isISOControl)) {
                throw settings.invalid(KEY, "has a control character in the name at " + which);
            }
            name = name.trim();
            if (name.isEmpty()) {
                throw settings.invalid(KEY, "has an empty name at " + which);
            }
            String shown = SHOWN_NAME.matcher(name).matches() ? "'" + name + "'" : "the name at " + which;
            String folded = folded(name);
            if (TOLLGATES.contains(folded)) {
                throw settings.invalid(KEY, "sets " + shown + ", which Tollgate sets itself"
                        + (Set.of("scope", "audience", "resource").contains(folded)
                                ? " from " + settings.keyName(folded) + "; set that key instead"
                                : "; remove it"));
            }
            if (parameters.putIfAbsent(name, value) != null) {
                throw settings.invalid(KEY, "sets " + shown + " twice; RFC 6749 §3.2 allows each parameter once");
            }
        }
        return new TokenParameters(Collections.unmodifiableMap(parameters));
    }

    void addTo(Form form) {
        parameters.forEach(form::param);
    }

    boolean isEmpty() {
        return parameters.isEmpty();
    }

    /**
     * The name as a case-insensitive comparison sees it: upper-cased first, as Java's
     * equalsIgnoreCase and .NET's OrdinalIgnoreCase do, so that a dotless i (U+0131) or a long s
     * (U+017F), which lower-casing alone keeps, count as the i or s they match there.
     */
    private static String folded(String name) {
        return name.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
    }

    private static String decode(TenantSettings settings, String encoded, String which) {
        try {
            return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // never repeated: the value is the administrator's and may be sensitive
            throw settings.invalid(KEY, "is not form-urlencoded at " + which + " (a '%' not followed by two hex digits;"
                    + " write a '%' as %25)");
        }
    }
}
