package dev.tollgate.provider.oauth2;

import java.time.Duration;
import java.util.Optional;

/**
 * The metadata of an issuer could not be read. Shared by every tenant that waited for the same
 * read, so it names no client or tenant: each caller turns it into its own exception. Its message
 * holds URLs and statuses only (metadata requests carry no secret).
 */
final class DiscoveryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Duration retryAfter;

    DiscoveryException(String message, Duration retryAfter) {
        super(message, null, false, false);
        this.retryAfter = retryAfter;
    }

    /** How long the server asked to wait ({@code Retry-After}), when it did. */
    Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
