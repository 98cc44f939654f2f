package dev.tollgate.engine;

import dev.tollgate.api.ClientRef;
import dev.tollgate.api.UnsafeRequestException;
import dev.tollgate.spi.AuthProvider;
import dev.tollgate.spi.ClientProtocol;
import dev.tollgate.spi.CredentialSource;
import dev.tollgate.engine.store.StoredTenant;
import dev.tollgate.engine.store.TenantStore;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/** One named client: its provider, the provider's protocol bound to it, and its settings per tenant. */
final class BoundClient {

    private static final Logger LOG = Logger.getLogger(BoundClient.class.getName());

    private final String name;
    private final AuthProvider provider;
    private final ClientProtocol protocol;
    private final ConfiguredSettings clientSettings;
    private final Set<String> tenants;
    /** True when the tenants come from the {@code tenants} list: then they are the only ones. */
    private final boolean listed;
    private final boolean tenantRequired;
    private final int maxTenants;
    /** The protocol's answer for every request, when it never looks at the request; else null. */
    private final List<CredentialSource> everyRequest;
    private static final int MAX_SHARED_ORIGINS = 64;

    /** Allowed-origin lists, one instance per distinct list, shared by the tenants that have it. */
    private final Map<List<URI>, URI[]> origins = new ConcurrentHashMap<>();
    private final ClientTenant own;
    private final Map<String, ClientTenant> tenantSettings = new ConcurrentHashMap<>();

    /**
     * How this client reaches the tenant store; null when its tenants are configured only
     * ({@code tenant-store=config}).
     */
    private final StoreLink storeLink;
    private final EngineEvents events;
    /** Names the store was lately found not to hold; null when the client keeps no stored tenants. */
    private final StoreMisses misses;
    /**
     * How long a name the store does not hold is believed missing: short, as a tenant another
     * engine saves is unknown here that long; never longer than the refresh interval.
     */
    static final Duration MISS_MEMORY = Duration.ofSeconds(5);
    /** Counts the stored tenants dropped, so that a load that raced with a save or remove is not kept. */
    private final AtomicLong storeChanges = new AtomicLong();

    /**
     * The tenant store as one client uses it: the application's store, the cache its tenants'
     * credentials are dropped from, and how often a stored tenant held here is re-checked.
     */
    record StoreLink(StoreAccess access, CredentialCache cache, Duration refreshInterval) {
    }

    BoundClient(String name, AuthProvider provider, ClientProtocol protocol, ConfiguredSettings clientSettings,
                Set<String> tenants, boolean listed, boolean tenantRequired, int maxTenants) {
        this(name, provider, protocol, clientSettings, tenants, listed, tenantRequired, maxTenants, null);
    }

    BoundClient(String name, AuthProvider provider, ClientProtocol protocol, ConfiguredSettings clientSettings,
                Set<String> tenants, boolean listed, boolean tenantRequired, int maxTenants, StoreLink storeLink) {
        this(name, provider, protocol, clientSettings, tenants, listed, tenantRequired, maxTenants, storeLink,
                storeLink == null ? EngineEvents.unobserved(java.time.Clock.systemUTC()) : storeLink.cache().events());
    }

    /** @param events where the token requests of verifications (tenants not stored yet) are counted */
    BoundClient(String name, AuthProvider provider, ClientProtocol protocol, ConfiguredSettings clientSettings,
                Set<String> tenants, boolean listed, boolean tenantRequired, int maxTenants, StoreLink storeLink,
                EngineEvents events) {
        this.events = events;
        this.storeLink = storeLink;
        this.misses = storeLink == null ? null
                : new StoreMisses(Math.min(MISS_MEMORY.toMillis(), storeLink.refreshInterval().toMillis()), maxTenants);
        this.name = name;
        this.provider = provider;
        this.protocol = protocol;
        this.clientSettings = clientSettings;
        this.tenants = tenants;
        this.listed = listed;
        this.tenantRequired = tenantRequired;
        this.maxTenants = maxTenants;
        this.everyRequest = protocol.credentialsForEveryRequest().map(List::copyOf).orElse(null);
        this.own = new ClientTenant("", clientSettings, this);
    }

    /**
     * True when a call must select a tenant: the default for a client that has tenants, so that a
     * call whose tenant got lost (say, on another thread) fails instead of using the client's own
     * credential.
     */
    boolean tenantRequired() {
        return tenantRequired;
    }

    ClientRef ref() {
        return clientSettings.ref();
    }

    /** The client's TLS settings, shared by its tenants; null when it has none. */
    ClientTls tls() {
        return clientSettings.tls();
    }

    EngineEvents events() {
        return events;
    }

    String name() {
        return name;
    }

    AuthProvider provider() {
        return provider;
    }

    ClientProtocol protocol() {
        return protocol;
    }

    /** The credentials of every request when the protocol says they never depend on it; else null. */
    List<CredentialSource> credentialsForEveryRequest() {
        return everyRequest;
    }

    /**
     * {@code allowed} as an array shared by every tenant with the same list: most tenants of a
     * client go to the same origins, and a call then reads an array other calls keep in the CPU's cache.
     */
    URI[] sharedOrigins(List<URI> allowed) {
        if (origins.size() >= MAX_SHARED_ORIGINS) {
            return allowed.toArray(new URI[0]); // tenants with origins of their own: not worth sharing
        }
        return origins.computeIfAbsent(List.copyOf(allowed), list -> list.toArray(new URI[0]));
    }

    /** For a closed engine: its tenants and the credentials they attached last are not kept. */
    void forgetTenants() {
        own.forget();
        tenantSettings.values().forEach(ClientTenant::forget); // tenants that requests still hold
        tenantSettings.clear();
    }

    int cachedTenantSettings() {
        return tenantSettings.size();
    }

    int rememberedMisses() {
        return misses == null ? 0 : misses.size();
    }

    /** The client's tenants, as the engine found them when it bound the client. */
    Set<String> tenants() {
        return tenants;
    }

    /** The settings a call for {@code tenant} sees; see {@link #tenant}. */
    ConfiguredSettings settings(String tenant) {
        return tenant(tenant).settings();
    }

    /** The tenant {@code name} when a call has used it lately (the hot path: one hash lookup), else null. */
    ClientTenant knownTenant(String name) {
        return tenantSettings.get(name);
    }

    /**
     * The tenant a call for {@code tenant} goes as; the client itself when {@code tenant} is empty.
     * When the client lists its tenants, only a listed tenant, spelled exactly so, has settings:
     * any other name could still find a listed tenant's keys through the loose matching of
     * environment variables ({@code ACME-EU} and {@code acme_eu} both read {@code ..._ACME_EU_...}).
     *
     * @throws UnsafeRequestException for a name that is not on the client's list
     */
    ClientTenant tenant(String tenant) {
        if (tenant.isEmpty()) {
            return own;
        }
        ClientTenant known = tenantSettings.get(tenant);
        if (known == null) {
            if (storeLink != null && !tenants.contains(tenant)) {
                return loadStored(tenant); // a tenant in configuration wins
            }
            if (listed && !tenants.contains(tenant)) {
                throw new UnsafeRequestException(clientSettings.ref().withTenant(tenant), "this tenant is not listed in "
                        + ConfigKeys.clientKey(name, ConfigKeys.TENANTS) + " (names are exact, case included). Nothing was sent.");
            }
            if (tenantSettings.size() >= maxTenants) {
                // settings are cheap to read again; an unbounded map of tenants is not
                tenantSettings.clear();
            }
            known = tenantSettings.computeIfAbsent(tenant,
                    t -> new ClientTenant(t, clientSettings.forTenant(t, provider.defaultBaseUrl()), this));
        }
        return known;
    }

    /** The settings of a tenant whose own values are {@code values}, as if loaded from the tenant store. */
    ConfiguredSettings storedTenantSettings(String tenant, Map<String, String> values) {
        return clientSettings.forStoredTenant(tenant, values, provider.defaultBaseUrl());
    }

    /** True when this client keeps tenants in the tenant store ({@code tenant-store=database}). */
    boolean keepsStoredTenants() {
        return storeLink != null;
    }

    /** The tenant store; for a client that keeps stored tenants only. */
    TenantStore store() {
        return storeLink.access().store(ref());
    }

    /**
     * Loads a stored tenant by one indexed read, on the caller's thread, and keeps it, so that the
     * next call finds it by one hash lookup. A load that raced with a save or remove of any tenant
     * of this client is not kept (it may hold the values just replaced): it is loaded again.
     *
     * @throws UnsafeRequestException when the tenant is neither configured nor stored
     * @throws dev.tollgate.api.TenantStoreException when the store cannot be read
     * @throws dev.tollgate.api.TokenAcquisitionException when the engine is closed (the store is not read)
     */
    private ClientTenant loadStored(String tenant) {
        if (storeLink.cache().isClosed()) {
            // nothing would be sent anyway; and a stopping server's DataSource may be gone already
            throw CredentialCache.closedFailure(clientSettings.ref().withTenant(tenant));
        }
        for (int attempt = 1; ; attempt++) {
            long changes = storeChanges.get();
            long now = storeLink.cache().clock().millis();
            if (misses.isMissing(tenant, now)) {
                throw notKnown(tenant);
            }
            StoredTenant stored = store().load(name, tenant).orElse(null);
            if (stored == null) {
                rememberMissing(tenant, changes, now);
                throw notKnown(tenant);
            }
            ClientTenant loaded = ClientTenant.stored(tenant,
                    storedTenantSettings(tenant, stored.values()), this,
                    stored.revision(), now + storeLink.refreshInterval().toMillis());
            if (tenantSettings.size() >= maxTenants) {
                tenantSettings.clear(); // as for configured tenants: loading one again costs one read
            }
            ClientTenant raced = tenantSettings.putIfAbsent(tenant, loaded);
            if (raced != null) {
                return raced;
            }
            if (storeChanges.get() == changes) {
                return loaded;
            }
            tenantSettings.remove(tenant, loaded);
            if (attempt == 3) {
                loaded.retire(); // changes keep coming: this call uses what it read, nothing of it is kept
                return loaded;
            }
        }
    }

    /**
     * Remembers that the store did not hold {@code tenant} when read at {@code now}, unless this
     * engine saved or removed a tenant since {@code changes} was counted: the read may predate a
     * save, and a tenant this engine has saved must never look unknown here. Remembered first and
     * checked after, so that a save between the two is seen by one side or the other.
     */
    private void rememberMissing(String tenant, long changes, long now) {
        misses.remember(tenant, now);
        if (storeChanges.get() != changes) {
            misses.forget(tenant);
        }
    }

    private UnsafeRequestException notKnown(String tenant) {
        return new UnsafeRequestException(clientSettings.ref().withTenant(tenant), "tenant not known: it is neither configured"
                + " under " + ConfigKeys.clientKey(name, ConfigKeys.TENANTS) + " nor stored in the tenant store (save it with"
                + " Tollgate.tenants(\"" + name + "\").save). Nothing was sent.");
    }

    /**
     * A stored tenant as a call should use it: {@code held} itself, unless the re-check is due (at
     * most once per {@code tollgate.store.refresh-interval}, by one caller while others go on) and
     * the store's revision differs. A changed tenant is replaced, its credentials dropped; a
     * removed one is refused. A store that cannot be read keeps {@code held} in service.
     *
     * @throws UnsafeRequestException when the tenant was removed from the store
     */
    ClientTenant recheck(ClientTenant held) {
        if (!held.claimCheck(storeLink.cache().clock().millis(), storeLink.refreshInterval().toMillis())) {
            return held;
        }
        OptionalLong revision;
        try {
            revision = store().revision(name, held.name());
        } catch (RuntimeException e) {
            LOG.fine(() -> held.settings().ref().describe() + ": the tenant store could not be read to re-check this tenant ("
                    + e.getClass().getSimpleName() + "); its credentials keep being served until the next check");
            return held;
        }
        if (revision.isPresent() && revision.getAsLong() == held.revision()) {
            return held;
        }
        dropStored(held.name(), held.revision());
        return revision.isPresent() ? tenant(held.name()) : throwNotKnown(held.name());
    }

    private ClientTenant throwNotKnown(String tenant) {
        throw notKnown(tenant);
    }

    /**
     * After the vendor refused a stored tenant's credential of revision {@code used}: true when
     * the store holds other values by now (or none): the tenant is then dropped, and a repeat of
     * the request loads it again. False when the store has the same values, or cannot be read.
     */
    boolean changedSince(String tenant, long used) {
        OptionalLong revision;
        try {
            revision = store().revision(name, tenant);
        } catch (RuntimeException e) {
            LOG.fine(() -> ref().withTenant(tenant).describe() + ": the tenant store could not be read after a 401 ("
                    + e.getClass().getSimpleName() + ")");
            return false;
        }
        if (revision.isPresent() && revision.getAsLong() == used) {
            return false;
        }
        dropStored(tenant, used);
        return true;
    }

    /**
     * Drops a stored tenant from this engine at once (saved again or removed): its settings, the
     * credential it attached last and every cached credential of it. A fetch still running for
     * the old values keeps nothing.
     */
    void dropStored(String tenant) {
        storeChanges.incrementAndGet();
        misses.forget(tenant); // saved here: usable at once
        ClientTenant held = tenantSettings.remove(tenant);
        if (held != null) {
            held.retire();
        }
        storeLink.cache().dropTenant(name, tenant);
        events.tenantReplaced(name, tenant);
    }

    /** Tells the other servers of the cluster, when there is one, that {@code tenant} was saved or removed here. */
    void announceStoreChange(String tenant) {
        SharedCredentials tier = storeLink.cache().shared();
        if (tier != null) {
            tier.announceTenantChange(name, tenant);
        }
    }

    /** {@link #dropStored(String)} of one revision only: a newer one another call loaded meanwhile stays. */
    private void dropStored(String tenant, long revision) {
        storeChanges.incrementAndGet();
        ClientTenant held = tenantSettings.get(tenant);
        if (held != null && held.revision() == revision && tenantSettings.remove(tenant, held)) {
            held.retire();
        }
        storeLink.cache().dropTenant(name, tenant, r -> r == revision);
        events.tenantReplaced(name, tenant);
    }
}
