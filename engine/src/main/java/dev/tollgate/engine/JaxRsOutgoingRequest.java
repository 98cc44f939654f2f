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

    /** {@code settings} must have a base URL ({@link ClientTenant#origins} has checked it). */
    JaxRsOutgoingRequest(ClientRequestContext context, TenantSettings settings) {
        this.context = context;
        this.settings = settings;
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
        URI baseUrl = settings.baseUrl();
        String raw = uri.getRawPath() == null ? "" : uri.getRawPath();
        String basePath = baseUrl.getRawPath() == null ? "" : baseUrl.getRawPath();
        if (isPlain(raw) && isPlain(basePath)) {
            // the usual path (nothing encoded, no parameters, no dot or empty segment) reads one way only:
            // cut it as it is, instead of decoding it segment by segment on every request
            String base = basePath.endsWith("/") ? basePath : basePath + "/";
            if (raw.equals(base.substring(0, base.length() - 1))) {
                return ""; // the base URL itself, without its slash
            }
            String relative = raw.startsWith(base) ? raw.substring(base.length()) : raw.startsWith("/") ? raw.substring(1) : raw;
            return relative.endsWith("/") ? relative.substring(0, relative.length() - 1) : relative;
        }
        List<String> segments = readable(() -> RequestPath.under(baseUrl, uri).orElseGet(() -> RequestPath.segments(raw)));
        return String.join("/", segments);
    }

    /** No escape, parameter, backslash, control character, dot segment or empty segment. */
    private static boolean isPlain(String path) {
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '%' || c == ';' || c == '\\' || c < 0x20 || c == 0x7f
                    || (c == '/' && i + 1 < path.length() && (path.charAt(i + 1) == '/' || path.charAt(i + 1) == '.'))
                    || (c == '.' && i == 0)) {
                return false;
            }
        }
        return true;
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
