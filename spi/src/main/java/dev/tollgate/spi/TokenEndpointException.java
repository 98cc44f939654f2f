package dev.tollgate.spi;

import dev.tollgate.api.Refuser;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * A token endpoint did not give a usable token. Providers throw it (usually through
 * {@link TokenEndpoint}); the engine decides from {@link #kind()} whether to retry, and maps it to
 * the public exception family. Its message must not hold a secret.
 */
public final class TokenEndpointException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public enum Kind {
        /** Connection failure, timeout, 408, 429 or 5xx: worth retrying later. */
        UNAVAILABLE,
        /** 400, 401 or 403: the configured credentials (or the refresh token) were refused. */
        REJECTED,
        /** A 2xx answer without a usable token, or a status that makes no sense here. */
        INVALID_RESPONSE
    }

    private final Kind kind;
    private final int status;
    private final transient Duration retryAfter;
    private final String vendorDetail;
    private final URI endpoint;

    private TokenEndpointException(Kind kind, int status, Duration retryAfter, String vendorDetail, String message) {
        this(kind, status, retryAfter, vendorDetail, message, null);
    }

    private TokenEndpointException(Kind kind, int status, Duration retryAfter, String vendorDetail, String message, URI endpoint) {
        super(message, null, false, false);
        this.kind = kind;
        this.status = status;
        this.retryAfter = retryAfter;
        this.vendorDetail = vendorDetail;
        this.endpoint = endpoint;
    }

    /** Classifies an HTTP error answer. */
    public static TokenEndpointException ofStatus(int status, Duration retryAfter, String vendorDetail) {
        Kind kind = status == 408 || status == 429 || status >= 500 ? Kind.UNAVAILABLE
                : status == 400 || status == 401 || status == 403 ? Kind.REJECTED
                : Kind.INVALID_RESPONSE;
        return new TokenEndpointException(kind, status, retryAfter, vendorDetail,
                "the token endpoint answered HTTP " + status + (vendorDetail == null ? "" : ": " + vendorDetail));
    }

    /** The endpoint could not be reached or did not answer in time. */
    public static TokenEndpointException unreachable(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return new TokenEndpointException(Kind.UNAVAILABLE, 0, null, null,
                "the token endpoint could not be reached (" + root.getClass().getSimpleName() + ")");
    }

    /** A 2xx answer Tollgate cannot use; {@code what} says what was wrong, never what the body held. */
    public static TokenEndpointException invalidResponse(String what) {
        return new TokenEndpointException(Kind.INVALID_RESPONSE, 0, null, null,
                "the token endpoint's answer is not usable: " + what);
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status, 0 when there was none. */
    public int status() {
        return status;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    public Optional<String> vendorDetail() {
        return Optional.ofNullable(vendorDetail);
    }

    /**
     * The same failure, told which URL answered it, so that a refusal can say which token endpoint
     * refused. The engine adds the URL of the answer it came from; a provider need not.
     */
    public TokenEndpointException at(URI url) {
        // kept as a refusal would show it: without user information, query and fragment, which may hold keys
        return new TokenEndpointException(kind, status, retryAfter, vendorDetail, getMessage(),
                Refuser.tokenEndpoint(url).address().orElse(null));
    }

    /** The URL whose answer this is (scheme, host, port and path only), when known. */
    public Optional<URI> endpoint() {
        return Optional.ofNullable(endpoint);
    }
}
