package dev.tollgate.provider.bigcommerce.inbound;

import dev.tollgate.api.TenantCredentials;
import dev.tollgate.api.UnsafeRequestException;
import dev.tollgate.provider.bigcommerce.StoreSettings;
import dev.tollgate.spi.ConfiguredClients;
import dev.tollgate.spi.TenantSettings;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where one client's stores are: configured tenants (their own {@code store-hash}, or the client's
 * own when it has no tenants), and stores that installed the app, saved in the tenant store as
 * tenant {@code store-<hash>} with that {@code store-hash}.
 */
final class InstalledStores {

    static final String TENANT_PREFIX = "store-";
    static final String ACCESS_TOKEN = "access-token";

    private final ConfiguredClients engine;
    private final String client;

    InstalledStores(ConfiguredClients engine, String client) {
        this.engine = engine;
        this.client = client;
    }

    /** The tenant a store that installed the app is saved as. */
    static String tenantOf(String storeHash) {
        if (!StoreContext.isStoreHash(storeHash)) {
            throw new IllegalArgumentException("not a BigCommerce store hash: 1 to 64 letters and digits");
        }
        return TENANT_PREFIX + storeHash;
    }

    /**
     * The configured tenants whose own {@code store-hash} is {@code storeHash}, and the configured
     * tenant named {@code store-<hash>} whatever its hash (the tenant store cannot hold that name).
     */
    List<String> configuredTenants(String storeHash) {
        String named = StoreContext.isStoreHash(storeHash) ? tenantOf(storeHash) : null;
        return engine.tenants(client).stream()
                .filter(t -> t.equals(named) || tenantHash(t).filter(storeHash::equals).isPresent())
                .toList();
    }

    /** A configured tenant's own store hash; none for a name the engine refuses (its own check reports it). */
    private Optional<String> tenantHash(String tenant) {
        try {
            return ownHash(engine.settings(client, tenant));
        } catch (IllegalArgumentException notATenantName) {
            return Optional.empty();
        }
    }

    /** True when the client has no tenants and its own {@code store-hash} is this one. */
    boolean isClientsOwnStore(String storeHash) {
        return engine.tenants(client).isEmpty() && ownHash(engine.settings(client, "")).filter(storeHash::equals).isPresent();
    }

    /** True when the client keeps tenants in the tenant store ({@code tenant-store=database}). */
    boolean keepsStoredTenants() {
        return engine.settings(client, "").get("tenant-store").map(String::trim).filter("database"::equals).isPresent();
    }

    /**
     * True when {@code store-<hash>} is stored with this {@code store-hash}: read from the store each
     * time (an install's "re-installed", and its early check that the store can be read).
     *
     * @throws dev.tollgate.api.TenantStoreException when the store cannot be read
     */
    boolean isStored(String storeHash) {
        if (!StoreContext.isStoreHash(storeHash) || !keepsStoredTenants()) {
            return false;
        }
        Map<String, String> stored = tenants().masked(tenantOf(storeHash));
        return storeHash.equals(stored.get(StoreSettings.STORE_HASH));
    }

    /**
     * True when the engine serves {@code store-<hash>} with this {@code store-hash}: its cached view
     * of the tenant store (one lookup once loaded; compared with the store every
     * {@code tollgate.store.refresh-interval}, and at once on this server's own saves and removes),
     * as calls see it. For verifying callbacks and Current Customer JWTs, which come with storefront
     * traffic: {@link #isStored} reads and decrypts the tenant each time.
     *
     * @throws dev.tollgate.api.TenantStoreException when the store cannot be read
     */
    boolean isInstalled(String storeHash) {
        if (!StoreContext.isStoreHash(storeHash) || !keepsStoredTenants()) {
            return false;
        }
        try {
            return ownHash(engine.settings(client, tenantOf(storeHash))).filter(storeHash::equals).isPresent();
        } catch (UnsafeRequestException notATenant) {
            return false; // neither configured nor stored
        }
    }

    /** Saves (or replaces) the store's token; the engine drops what it cached of the previous one. */
    void save(String storeHash, String accessToken) {
        tenants().saveUnverified(tenantOf(storeHash), Map.of(StoreSettings.STORE_HASH, storeHash, ACCESS_TOKEN, accessToken));
    }

    /** Removes the store's tenant; false when it was not stored. */
    boolean remove(String storeHash) {
        return StoreContext.isStoreHash(storeHash) && keepsStoredTenants() && tenants().remove(tenantOf(storeHash));
    }

    private TenantCredentials tenants() {
        return engine.tenantDirectory().client(client);
    }

    private static Optional<String> ownHash(TenantSettings settings) {
        return settings.getTenantOwn(StoreSettings.STORE_HASH).map(String::trim);
    }
}
