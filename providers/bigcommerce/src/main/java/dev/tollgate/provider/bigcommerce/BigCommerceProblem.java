package dev.tollgate.provider.bigcommerce;

import dev.tollgate.spi.TokenEndpoint;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * BigCommerce's error bodies: v3 {@code {"status": 401, "title": "...", "type": "...", "detail": "..."}},
 * v2 a list {@code [{"status": 403, "message": "..."}]}.
 */
public final class BigCommerceProblem {

    public String title;
    public String detail;

    /** One entry of a v2 error list. */
    public static final class V2Error {
        public Integer status;
        public String message;
    }

    static Optional<String> explain(String body) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        if (body.stripLeading().startsWith("[")) {
            return TokenEndpoint.errorJson(body, V2Error[].class)
                    .map(errors -> Arrays.stream(errors).filter(Objects::nonNull).map(e -> e.message)
                            .filter(m -> m != null && !m.isBlank()).collect(Collectors.joining("; ")))
                    .filter(m -> !m.isEmpty());
        }
        return TokenEndpoint.errorJson(body, BigCommerceProblem.class)
                .map(p -> p.detail != null && !p.detail.isBlank() && !p.detail.equals(p.title)
                        ? p.title + ": " + p.detail : p.title)
                .filter(t -> t != null && !t.isBlank());
    }
}
