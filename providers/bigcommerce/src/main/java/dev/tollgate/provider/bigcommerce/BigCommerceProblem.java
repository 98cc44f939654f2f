package dev.tollgate.provider.bigcommerce;

import dev.tollgate.spi.TokenEndpoint;
import java.util.Optional;

/** BigCommerce v3 errors: {@code {"status": 401, "title": "...", "type": "...", "detail": "..."}}. */
public final class BigCommerceProblem {

    public String title;
    public String detail;

    static Optional<String> explain(String body) {
        return body == null || body.isBlank() ? Optional.empty()
                : TokenEndpoint.errorJson(body, BigCommerceProblem.class)
                        .map(p -> p.detail != null && !p.detail.isBlank() && !p.detail.equals(p.title)
                                ? p.title + ": " + p.detail : p.title)
                        .filter(t -> t != null && !t.isBlank());
    }
}
