package dev.tollgate.engine;

import dev.tollgate.api.InvalidTenantValuesException;
import dev.tollgate.api.TenantCredentials;
import dev.tollgate.api.TollgateConfigException;
import dev.tollgate.api.runtime.TenantContext;
import dev.tollgate.engine.store.StoredTenant;
import dev.tollgate.spi.TenantKey;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * One client's tenants as the application onboards them: checked, proven with the vendor, stored,
 * and at once in use (or out of use) in this engine.
 */
final class StoredTenantCredentials implements TenantCredentials {

    /** Shown instead of a secret value's beginning. */
    private static final String MASK = "••••";
    /** Secrets shorter than this are masked whole: four characters of a short one say too much. */
    private static final int SHOW_END_FROM = 16;

    private final BoundClient client;
    private final CredentialVerifier verifier;
    private final BooleanSupplier engineClosed;

    StoredTenantCredentials(BoundClient client, CredentialVerifier verifier, BooleanSupplier engineClosed) {
        this.client = client;
        this.verifier = verifier;
        this.engineClosed = engineClosed;
    }

    @Override
    public String client() {
        return client.name();
    }

    @Override
    public void save(String tenant, Map<String, String> values) {
        store(tenant, values, true);
    }

    @Override
    public void saveUnverified(String tenant, Map<String, String> values) {
        store(tenant, values, false);
    }

    private void store(String tenant, Map<String, String> given, boolean verify) {
        requireOpen();
        requireStoreClient();
        String name = storableName(tenant);
        // one copy, checked, verified and stored: a caller's map changed meanwhile changes nothing
        Map<String, String> values = given == null ? null : new HashMap<>(given);
        ConfiguredSettings candidate = TenantValuesCheck.candidate(client, name, values);
        if (verify) {
            verifier.verify(client, candidate);
        }
        Set<String> secretKeys = client.protocol().tenantKeys().stream().filter(TenantKey::secret).map(TenantKey::name)
                .filter(values::containsKey).collect(Collectors.toSet());
        try {
            client.store().save(client.name(), name, Map.copyOf(values), secretKeys);
        } finally {
            // also after a failure: the write may have reached the database before the failure was seen
            client.dropStored(name);
            client.announceStoreChange(name);
        }
    }

    @Override
    public boolean remove(String tenant) {
        requireOpen();
        requireStoreClient();
        if (tenant == null || !TenantContext.isValidName(tenant)) {
            return false; // no such name can be stored
        }
        refuseConfigured(tenant);
        try {
            return client.store().remove(client.name(), tenant);
        } finally {
            client.dropStored(tenant);
            client.announceStoreChange(tenant);
        }
    }

    @Override
    public Set<String> list() {
        requireOpen();
        Set<String> names = new TreeSet<>(client.tenants());
        if (client.keepsStoredTenants()) {
            names.addAll(client.store().tenants(client.name()));
        }
        return Collections.unmodifiableSet(names);
    }

    @Override
    public Map<String, String> masked(String tenant) {
        requireOpen();
        if (!client.keepsStoredTenants() || tenant == null || !TenantContext.isValidName(tenant)
                || client.tenants().contains(tenant)) {
            return Map.of();
        }
        Optional<StoredTenant> stored = client.store().load(client.name(), tenant);
        if (stored.isEmpty()) {
            return Map.of();
        }
        SortedMap<String, String> shown = new TreeMap<>();
        stored.get().values().forEach((key, value) ->
                shown.put(key, stored.get().secretKeys().contains(key) ? maskedSecret(value) : value));
        return Collections.unmodifiableSortedMap(shown);
    }

    private static String maskedSecret(String secret) {
        return secret.length() < SHOW_END_FROM ? MASK : MASK + secret.substring(secret.length() - 4);
    }

    private void requireOpen() {
        EngineTenantDirectory.requireOpen(engineClosed, client.ref());
    }

    private void requireStoreClient() {
        if (!client.keepsStoredTenants()) {
            throw new TollgateConfigException(client.ref(), "this client's tenants are defined in configuration only;"
                    + " to save or remove tenants while the application runs, set "
                    + ConfigKeys.clientKey(client.name(), ConfigKeys.TENANT_STORE)
                    + "=database (with the tenant store's keys, tollgate.store.*). Nothing was stored.");
        }
    }

    /** A name calls can select, and not one configuration defines. */
    private String storableName(String tenant) {
        if (tenant == null || !TenantContext.isValidName(tenant)) {
            // the name is not repeated: whatever was passed where the name belongs may be a secret
            throw new InvalidTenantValuesException(client.ref(), List.of("the tenant name "
                    + (tenant == null ? "is missing" : "is not valid")
                    + ": use letters, digits, '-' and '_' (at most 100, beginning with a letter or digit)"));
        }
        refuseConfigured(tenant);
        return tenant;
    }

    private void refuseConfigured(String tenant) {
        if (client.tenants().contains(tenant)) {
            throw new TollgateConfigException(client.ref().withTenant(tenant), "this tenant is defined in configuration ("
                    + ConfigKeys.tenantKey(client.name(), tenant, "*") + "), which the tenant store never overrides;"
                    + " change it there, or store the tenant under another name. Nothing was stored.");
        }
    }
}
