package dev.tollgate.spi;

import dev.tollgate.api.ClientRef;
import dev.tollgate.api.TollgateConfigException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The configuration one call sees: the keys under {@code tollgate.<client>.}, overridden by
 * those under {@code tollgate.<client>.tenants.<tenant>.} when the call selected a tenant.
 * Missing or malformed required keys raise a {@link TollgateConfigException} that names the
 * exact key.
 */
public interface TenantSettings {

    /** The client, its provider and the selected tenant, for messages and cache keys. */
    ClientRef ref();

    /** Where credentials may be sent: the {@code base-url}, or the provider's default. */
    URI baseUrl();

    /** The tenant's value, else the client's. */
    Optional<String> get(String key);

    /** {@link #get}, or an error naming the key to set; {@code hint} says what the value is. */
    String require(String key, String hint);

    /**
     * A secret that a tenant may inherit from its client (an application's own OAuth2 client
     * secret shared by all tenants). Control characters are refused.
     */
    Secret requireSecret(String key, String hint);

    /**
     * A secret that belongs to the tenant itself (a merchant's API token, a store's access
     * token). When the call selected a tenant, only that tenant's own key counts: a merchant
     * never gets the client's or another merchant's credential by fallback.
     */
    Secret requireTenantSecret(String key, String hint);

    /**
     * A value that belongs to the tenant itself (a store's hash): when the call selected a tenant,
     * only that tenant's own key counts, never the client's by fallback.
     */
    String requireTenantOwn(String key, String hint);

    /** {@link #requireTenantOwn} for an optional value. */
    Optional<String> getTenantOwn(String key);

    /**
     * A URL credentials are sent to, such as a token endpoint: absolute, https (http only to a
     * loopback host), without user information. A missing or unsafe value is an error naming the key.
     */
    URI requireUrl(String key, String hint);

    /** An ISO-8601 duration ({@code PT30S}), or the default. */
    Duration duration(String key, Duration defaultValue);

    /** The full MicroProfile Config key for this tenant, e.g. {@code tollgate.taxjar.tenants.acme.api-token}. */
    String keyName(String key);

    /** An error about a key's value, naming the key; the value itself is never repeated. */
    TollgateConfigException invalid(String key, String problem);
}
