package dev.tollgate.engine;

import dev.tollgate.api.TenantDirectory;
import dev.tollgate.spi.ConfiguredClients;
import dev.tollgate.spi.TenantSettings;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.core.Feature;
import java.util.Set;

/**
 * {@link ConfiguredClients#current()}: the application's engine, found on every call (the CDI
 * bean while the application runs, else the standalone engine), so that a helper kept in a static
 * field never holds an engine that was closed.
 */
public final class CurrentEngine implements ConfiguredClients {

    @Override
    public Set<String> clients() {
        return EngineLocator.current().clients();
    }

    @Override
    public Set<String> tenants(String client) {
        return EngineLocator.current().tenants(client);
    }

    @Override
    public TenantSettings settings(String client, String tenant) {
        return EngineLocator.current().settings(client, tenant);
    }

    @Override
    public Client http(TenantSettings settings) {
        return EngineLocator.current().http(settings);
    }

    @Override
    public Feature feature(String client) {
        return EngineLocator.current().feature(client);
    }

    @Override
    public TenantDirectory tenantDirectory() {
        return EngineLocator.current().tenantDirectory();
    }
}
