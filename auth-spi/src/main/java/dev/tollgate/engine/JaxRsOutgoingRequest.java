package dev.tollgate.engine;

import dev.tollgate.api.UnsafeRequestException;
import dev.tollgate.spi.OutgoingRequest;
import dev.tollgate.spi.RequestPath;
import dev.tollgate.spi.TenantSettings;
import jakarta.ws.rs.client.ClientRequestContext;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** An {@link OutgoingRequest} over a JAX-RS request context. */
final class JaxRsOutgoingRequest implements OutgoingRequest {

    private final ClientRequestContext context;
    private final TenantSettings settings;
    private final URI baseUrl;

    JaxRsOutgoingRequest(ClientRequestContext context, TenantSettings settings) {
        this.context = context;
        this.settings = settings;
        this.baseUrl = settings.baseUrl();
    }

    @Override
    public TenantSettings settings() {
        return settings;
    }

    @Override
    public String method() {
        return context.getMethod();
    }

    @Override
    public URI uri() {
        return context.getUri();
    }

    @Override
    public String relativePath() {
        URI uri = context.getUri();
        List<String> segments = readable(() -> RequestPath.under(baseUrl, uri).orElseGet(() -> RequestPath.segments(uri.getRawPath())));
        return String.join("/", segments);
    }

    @Override
    public Optional<List<String>> pathUnder(URI base) {
        return readable(() -> RequestPath.under(base, context.getUri()));
    }

    /** A path the rules cannot read one way only is refused before anything is sent. */
    private <T> T readable(Supplier<T> read) {
        try {
            return read.get();
        } catch (IllegalArgumentException e) {
            throw new UnsafeRequestException(settings.ref(), "refused a request whose path cannot be read safely: "
                    + e.getMessage() + ". Nothing was sent.");
        }
    }

    @Override
    public Optional<Object> property(String name) {
        return Optional.ofNullable(context.getProperty(name));
    }
}
