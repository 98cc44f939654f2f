package dev.tollgate.provider.oauth2;

import dev.tollgate.spi.TokenEndpoint;
import java.util.Optional;

/** RFC 6749 §5.2: {@code {"error": "invalid_client", "error_description": "..."}}. */
public final class OAuth2Error {

    public String error;
    public String error_description;

    static Optional<OAuth2Error> parse(String body) {
        return body == null || body.isBlank() ? Optional.empty()
                : TokenEndpoint.errorJson(body, OAuth2Error.class).filter(e -> e.error != null);
    }

    /** {@code invalid_client: Client authentication failed}. */
    String explanation() {
        return error_description == null || error_description.isBlank() ? error : error + ": " + error_description;
    }
}
