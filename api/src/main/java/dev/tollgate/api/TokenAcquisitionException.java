package dev.tollgate.api;

import java.time.Duration;
import java.util.Optional;

/**
 * A credential could not be obtained or refreshed: the token endpoint failed, could not be
 * reached, or answered with something that is not a usable token.
 */
public class TokenAcquisitionException extends TollgateException {

    private static final long serialVersionUID = 1L;

    private final transient Duration retryAfter;

    public TokenAcquisitionException(ClientRef where, String problem, Throwable cause) {
        this(where, problem, cause, null);
    }

    public TokenAcquisitionException(ClientRef where, String problem, Throwable cause, Duration retryAfter) {
        super(where, problem, cause);
        this.retryAfter = retryAfter;
    }

    /** How long the endpoint asked callers to wait ({@code Retry-After}), when it did. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
