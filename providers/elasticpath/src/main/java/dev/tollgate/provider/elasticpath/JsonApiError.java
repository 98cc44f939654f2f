package dev.tollgate.provider.elasticpath;

import dev.tollgate.spi.TokenEndpoint;
import java.util.List;
import java.util.Optional;

/**
 * Elastic Path's JSON:API errors: {@code {"errors": [{"status": 401, "title": "...", "detail": "..."}]}}.
 * {@code status} may be a number or a string, so it is not read: the HTTP status says it.
 */
public final class JsonApiError {

    public List<Entry> errors;

    public static final class Entry {
        public String title;
        public String detail;
    }

    static Optional<String> explain(String body) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        return TokenEndpoint.errorJson(body, JsonApiError.class)
                .filter(e -> e.errors != null && !e.errors.isEmpty() && e.errors.get(0) != null)
                .map(e -> e.errors.get(0))
                .map(first -> first.detail == null || first.detail.isBlank() ? first.title : first.title + ": " + first.detail)
                .filter(text -> text != null && !text.isBlank());
    }
}
