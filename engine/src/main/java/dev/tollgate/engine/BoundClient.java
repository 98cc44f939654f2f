package dev.tollgate.engine;

import dev.tollgate.api.ClientRef;
import dev.tollgate.api.UnsafeRequestException;
import dev.tollgate.spi.AuthProvider;
import dev.tollgate.spi.ClientProtocol;
import dev.tollgate.spi.CredentialSource;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** One named client: its provider, the provider's protocol bound to it, and its settings per tenant. */
final class BoundClient {

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

    BoundClient(String name, AuthProvider provider, ClientProtocol protocol, ConfiguredSettings clientSettings,
                Set<String> tenants, boolean listed, boolean tenantRequired, int maxTenants) {
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
}
