package dev.tollgate.engine;

import dev.tollgate.api.UnsafeRequestException;
import dev.tollgate.spi.OutgoingRequest;
import dev.tollgate.spi.RequestPath;
import dev.tollgate.spi.TenantSettings;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The read a provider verifies a tenant's credentials with, as the protocol sees it when it picks
 * the credentials ({@link dev.tollgate.spi.ClientProtocol#credentialsFor}): a GET or HEAD to a
 * path below the candidate's base URL, without request properties.
 */
final class VerificationRequest implements OutgoingRequest {

    private final String method;
    private final URI uri;
    private final TenantSettings settings;

    VerificationRequest(String method, URI uri, TenantSettings settings) {
        this.method = method;
        this.uri = uri;
        this.settings = settings;
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public URI uri() {
        return uri;
    }

    @Override
    public String relativePath() {
        List<String> segments = readable(() -> RequestPath.under(settings.baseUrl(), uri)
                .orElseGet(() -> RequestPath.segments(uri.getRawPath())));
        return String.join("/", segments);
    }

    @Override
    public Optional<List<String>> pathUnder(URI base) {
        return readable(() -> RequestPath.under(base, uri));
    }

    /** A verification read carries no request property (no shopper, no order). */
    @Override
    public Optional<Object> property(String name) {
        return Optional.empty();
    }

    @Override
    public TenantSettings settings() {
        return settings;
    }

    private <T> T readable(Supplier<T> read) {
        try {
            return read.get();
        } catch (IllegalArgumentException e) {
            throw new UnsafeRequestException(settings.ref(), "refused a verification whose path cannot be read safely: "
                    + e.getMessage() + ". Nothing was sent.");
        }
    }
}
