package dev.tollgate.testkit.simulator;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an {@code application/x-www-form-urlencoded} body, as the token endpoints of Elastic Path
 * (providers/elasticpath/PROTOCOL.md) and of RFC 6749 §4.4.2 receive it.
 * <p>
 * Jersey would parse forms itself, but only when the Content-Type matches, answering anything
 * else with its own 415 before the simulator runs. Simulators take the raw body instead, so a
 * request with the wrong type is still recorded, counted, and answered in the vendor's style.
 */
public final class FormBody {

    private FormBody() {
    }

    /** True when the request says its body is a form (parameters such as charset allowed). */
    public static boolean isForm(HttpHeaders headers) {
        try {
            MediaType type = headers.getMediaType();
            return type != null && type.isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE);
        } catch (RuntimeException unparsableContentType) {
            return false;
        }
    }

    /**
     * The parameters, each with all its values in order, so callers can refuse repeated ones
     * (RFC 6749 §3.2).
     *
     * @throws IllegalArgumentException on a broken percent-escape
     */
    public static Map<String, List<String>> parse(String body) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (body == null || body.isEmpty()) {
            return parameters;
        }
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            parameters.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return parameters;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
