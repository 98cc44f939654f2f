package dev.tollgate.provider.sila;

import dev.tollgate.spi.TokenEndpoint;
import java.util.Optional;

/** Sila's error body: {@code {"success": false, "message": "The auth token is invalid.", ...}}. */
public final class SilaMessage {

    public Boolean success;
    public String message;

    static Optional<String> parse(String body) {
        return body == null || body.isBlank() ? Optional.empty()
                : TokenEndpoint.errorJson(body, SilaMessage.class).map(m -> m.message).filter(m -> !m.isBlank());
    }
}
