package dev.tollgate.engine.store;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedSet;

/**
 * Where tenants saved at run time are kept. Values go in and come out clear; encrypting the
 * secret ones at rest is the store's job. Every failure to reach or read the store is a
 * {@link dev.tollgate.api.TenantStoreException} naming the client and tenant concerned, never a value.
 */
public interface TenantStore {

    /** The tenant's values, decrypted, by one indexed read; empty when it is not stored. */
    Optional<StoredTenant> load(String client, String tenant);

    /**
     * The tenant's current revision, without reading its values (servers sharing the store compare
     * it with the one they hold); empty when the tenant is not stored.
     */
    OptionalLong revision(String client, String tenant);

    /**
     * Stores the tenant's values, replacing all its previous ones, in one transaction: a failure
     * leaves the previous values as they were. {@code secretKeys} are encrypted.
     *
     * @return the new revision, different from every earlier revision of this tenant
     */
    long save(String client, String tenant, Map<String, String> values, Set<String> secretKeys);

    /** Removes the tenant and all its values; false when it was not stored. */
    boolean remove(String client, String tenant);

    /** The names of the client's stored tenants, sorted. */
    SortedSet<String> tenants(String client);

    /**
     * Re-encrypts every value encrypted with a previous key under the current one.
     *
     * @return how many values were re-encrypted
     */
    int reencrypt();
}
