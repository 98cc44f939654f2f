package dev.tollgate.provider.taxjar;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import java.util.Optional;

/** TaxJar's flat error body: {@code {"error": "Unauthorized", "detail": "...", "status": 401}}. */
public final class TaxJarError {

    public String error;
    public String detail;
    public Integer status;

    /** The parsed body, or empty when it is not TaxJar's error JSON. */
    static Optional<TaxJarError> parse(String body) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(Json.INSTANCE.fromJson(body, TaxJarError.class))
                    .filter(e -> e.error != null || e.detail != null);
        } catch (JsonbException e) {
            return Optional.empty();
        }
    }

    /** {@code detail}, else {@code error}. */
    String explanation() {
        return detail != null && !detail.isBlank() ? detail : error;
    }

    private static final class Json {
        static final Jsonb INSTANCE = JsonbBuilder.create();
    }
}
