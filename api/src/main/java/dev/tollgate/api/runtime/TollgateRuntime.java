package dev.tollgate.api.runtime;

import dev.tollgate.api.TenantDirectory;
import jakarta.ws.rs.core.Feature;

/**
 * How {@link dev.tollgate.api.Tollgate}'s static entry points reach the engine without this
 * module depending on it: the engine lists its implementation in
 * {@code META-INF/services/dev.tollgate.api.runtime.TollgateRuntime}. For the engine, not for
 * applications.
 */
public interface TollgateRuntime {

    /** The feature that authenticates a JAX-RS client as the named Tollgate client. */
    Feature feature(String client);

    /** The TLS context of the named Tollgate client ({@code tls-key-store}, {@code tls-trust-store}). */
    javax.net.ssl.SSLContext sslContext(String client);

    /** The tenant store of the application's engine. */
    TenantDirectory tenants();

    /**
     * The engine found next to this module (the same class loader: both live in the application's
     * libraries).
     *
     * @throws IllegalStateException when the engine is not deployed with the application
     */
    static TollgateRuntime current() {
        return RuntimeLookup.find();
    }
}
