package dev.tollgate.provider.taxizer;

import dev.tollgate.spi.TokenEndpoint;
import java.util.Optional;

/** An error body with a {@code message}, as far as Taxizer's (unpublished) error shape goes. */
public final class TaxizerMessage {

    public String message;

    static Optional<String> parse(String body) {
        return body == null || body.isBlank() ? Optional.empty()
                : TokenEndpoint.errorJson(body, TaxizerMessage.class).map(m -> m.message).filter(m -> m != null && !m.isBlank());
    }
}
