package dev.tollgate.engine;

import dev.tollgate.spi.OutgoingRequest;
import dev.tollgate.spi.TenantSettings;
import jakarta.ws.rs.client.ClientRequestContext;
import java.net.URI;
import java.util.Optional;

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
        String path = context.getUri().getPath() == null ? "" : context.getUri().getPath();
        String basePath = baseUrl.getPath() == null ? "" : baseUrl.getPath();
        if (!basePath.endsWith("/")) {
            basePath = basePath + "/";
        }
        String relative = path.startsWith(basePath) ? path.substring(basePath.length()) : path;
        return relative.startsWith("/") ? relative.substring(1) : relative;
    }

    @Override
    public Optional<Object> property(String name) {
        return Optional.ofNullable(context.getProperty(name));
    }
}
