package dev.tollgate.engine;

import dev.tollgate.api.runtime.TollgateRuntime;
import dev.tollgate.api.TenantDirectory;
import jakarta.ws.rs.core.Feature;

/** The engine behind {@code Tollgate.feature}: the application's engine, found per call. */
public final class EngineRuntime implements TollgateRuntime {

    @Override
    public Feature feature(String client) {
        return EngineLocator.current().feature(client);
    }

    @Override
    public javax.net.ssl.SSLContext sslContext(String client) {
        return EngineLocator.current().sslContext(client);
    }

    @Override
    public TenantDirectory tenants() {
        return EngineLocator.current().tenants();
    }
}
