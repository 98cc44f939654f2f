package dev.tollgate.testkit.simulator.oauth2;

import dev.tollgate.testkit.simulator.oauth2.OAuth2Clients.AuthMethod;
import jakarta.ws.rs.core.HttpHeaders;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the client credentials of a token request as RFC 6749 §2.3.1 defines them: either
 * {@code Authorization: Basic} over the form-urlencoded id and secret ({@code client_secret_basic})
 * or {@code client_id} and {@code client_secret} in the body ({@code client_secret_post}), never
 * both (§2.3). The id and secret are form-urldecoded after Basic decoding, strictly as the RFC
 * says, so a client that skips the encoding fails with a secret holding {@code + % :} or spaces.
 */
final class ClientAuthentication {

    private static final Pattern BASIC = Pattern.compile("(?i)Basic\\s+(\\S+)");

    /** What the request presented. */
    sealed interface Outcome permits Presented, Refused, Authenticated {
    }

    /** A client already proven by what it presented (a verified assertion, {@link AssertionVerifier}). */
    record Authenticated(OAuth2Clients.Client client, AuthMethod method) implements Outcome {
    }

    /** Credentials to check against the registered client. */
    record Presented(String clientId, String clientSecret, AuthMethod method) implements Outcome {

        @Override
        public String toString() {
            return "Presented[" + clientId + ", " + method + "]"; // no secret
        }
    }

    /** No usable credentials: the §5.2 error to answer, with a Basic challenge when Basic was tried. */
    record Refused(int status, String error, String description, boolean basicChallenge) implements Outcome {
    }

    private ClientAuthentication() {
    }

    static Outcome read(HttpHeaders headers, Map<String, List<String>> form) {
        String authorization = headers.getHeaderString(HttpHeaders.AUTHORIZATION);
        boolean secretInBody = form.containsKey("client_secret");
        if (authorization != null) {
            if (secretInBody) {
                return new Refused(400, "invalid_request", "Use one client authentication method, not Basic and the body", false);
            }
            return basic(authorization);
        }
        String clientId = first(form, "client_id");
        if (clientId == null || !secretInBody) {
            return new Refused(401, "invalid_client", "Client authentication is required", false);
        }
        return new Presented(clientId, first(form, "client_secret"), AuthMethod.CLIENT_SECRET_POST);
    }

    private static Outcome basic(String authorization) {
        Refused malformed = new Refused(401, "invalid_client", "Malformed Basic client credentials", true);
        Matcher m = BASIC.matcher(authorization.trim());
        if (!m.matches()) {
            return malformed;
        }
        try {
            String pair = new String(Base64.getDecoder().decode(m.group(1)), StandardCharsets.UTF_8);
            int colon = pair.indexOf(':');
            if (colon < 0) {
                return malformed;
            }
            return new Presented(formDecode(pair.substring(0, colon)), formDecode(pair.substring(colon + 1)),
                    AuthMethod.CLIENT_SECRET_BASIC);
        } catch (IllegalArgumentException notBase64OrBadEscape) {
            return malformed;
        }
    }

    private static String formDecode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static String first(Map<String, List<String>> form, String name) {
        List<String> values = form.get(name);
        return values == null ? null : values.get(0);
    }
}
