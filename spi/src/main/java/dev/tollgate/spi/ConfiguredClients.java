package dev.tollgate.spi;

import dev.tollgate.api.TenantDirectory;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.core.Feature;
import java.util.Set;

/**
 * The engine's configured clients, for provider code that runs outside a request: a helper that
 * checks a token a merchant just typed in, a handler of the vendor's callbacks. The engine
 * implements it; {@link #current()} finds the application's engine (its CDI bean, or the
 * standalone engine of plain Java). Tests pass their own engine instead.
 */
public interface ConfiguredClients {

    /** The clients that have a {@code tollgate.<client>.provider} key. */
    Set<String> clients();

    /** The tenants of {@code client}, as the engine reads them from configuration. */
    Set<String> tenants(String client);

    /**
     * The settings a call of {@code client} for {@code tenant} ({@code ""} for none) sees.
     *
     * @throws dev.tollgate.api.TollgateConfigException when the client cannot be bound
     */
    TenantSettings settings(String client, String tenant);

    /**
     * A JAX-RS client for a call of the provider's own, made with these settings' credentials (a
     * token check, a discovery read): the configured {@code connect-timeout} and
     * {@code read-timeout}, redirects off, the client's TLS context when it has one
     * ({@code tls-key-store}, {@code tls-trust-store}), no Tollgate filters. The caller closes it.
     */
    Client http(TenantSettings settings);

    /** The feature that authenticates a JAX-RS client as {@code client}, as {@code Tollgate.feature} does. */
    Feature feature(String client);

    /**
     * The tenants this engine keeps in its tenant store, as {@code Tollgate.tenants(client)} reaches
     * them: for provider code that onboards tenants itself (a store that installed the app).
     */
    TenantDirectory tenantDirectory();

    /** The application's engine. */
    static ConfiguredClients current() {
        return EngineLookup.find();
    }
}
