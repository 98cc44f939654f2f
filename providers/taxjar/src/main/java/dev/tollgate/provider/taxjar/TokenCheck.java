package dev.tollgate.provider.taxjar;

import java.util.Optional;

/**
 * The result of checking a TaxJar API token the way TaxJar's integration guide recommends
 * ({@code GET /v2/categories}). Holds no token.
 *
 * @param outcome what the check showed
 * @param status  the HTTP status TaxJar answered, 0 when nothing was received
 * @param detail  TaxJar's explanation, or what went wrong on the way
 */
public record TokenCheck(Outcome outcome, int status, String detail) {

    public enum Outcome {
        /** TaxJar accepted the token. */
        VALID,
        /** 401: the token is wrong, malformed or revoked (or from the other environment). */
        REJECTED,
        /** 403: the token is known, but inactive or the subscription has expired. */
        ACCOUNT_PROBLEM,
        /** No answer about the token: network failure, timeout, rate limit or a TaxJar outage. */
        UNREACHABLE
    }

    public Optional<String> detailText() {
        return Optional.ofNullable(detail);
    }

    public boolean isValid() {
        return outcome == Outcome.VALID;
    }
}
