package dev.tollgate.spi;

import java.net.URI;
import java.util.Optional;

/**
 * An API's authentication protocol, found with {@link java.util.ServiceLoader}: list the
 * implementation in {@code META-INF/services/dev.tollgate.spi.AuthProvider}.
 * Administrators choose it with {@code tollgate.<client>.provider=<id>}.
 *
 * <p>A provider says how to obtain, refresh and attach credentials. Caching, refresh timing,
 * retries, tenants, origin checks and error mapping belong to the engine.
 */
public interface AuthProvider {

    /** The id used in {@code tollgate.<client>.provider}, e.g. {@code taxjar}. */
    String id();

    /** The API's base URL when {@code base-url} is not set; empty when it must be set. */
    default Optional<URI> defaultBaseUrl() {
        return Optional.empty();
    }

    /**
     * Binds the protocol to one client. Reads and checks the client-level settings it needs;
     * throws {@link dev.tollgate.api.TollgateConfigException} naming the key that is wrong.
     */
    ClientProtocol bind(TenantSettings clientSettings);
}
