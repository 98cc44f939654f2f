package dev.tollgate.provider.sila;

import dev.tollgate.spi.TokenEndpoint;
import java.util.Optional;

/** Sila's error body: {@code {"success": false, "message": "The auth token is invalid.", ...}}. */
public final class SilaMessage {

    public Boolean success;
    public String message;

    /**
     * Sila's documented 403s (providers/sila/PROTOCOL.md) are all about the credential: a token of
     * the other environment, a Bearer value that is not base64, Basic auth on an endpoint other
     * than auth_token.
     */
    static Optional<String> credentialRefusal(String body) {
        return parse(body).filter(m -> m.equals("The auth token is invalid.")
                || m.startsWith("The Authorization: Bearer string is not properly encoded")
                || m.equals("Permission to auth this resource has been denied."));
    }

    static Optional<String> parse(String body) {
        return body == null || body.isBlank() ? Optional.empty()
                : TokenEndpoint.errorJson(body, SilaMessage.class).map(m -> m.message).filter(m -> !m.isBlank());
    }
}
