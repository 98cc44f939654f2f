package dev.tollgate.engine;

/**
 * Which cached credential: one per client, tenant ("" for none), credential (the source's
 * {@link dev.tollgate.spi.CredentialSource#cacheKey() cache key}) and, for a tenant from the
 * tenant store, the revision of its values, so that a credential of replaced values is never
 * found under the new ones.
 */
public record CredentialKey(String client, String tenant, String credential, long revision) {

    /** The key of a credential whose values do not come from the tenant store. */
    public CredentialKey(String client, String tenant, String credential) {
        this(client, tenant, credential, ClientTenant.NOT_STORED);
    }
}
