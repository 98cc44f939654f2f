package dev.tollgate.api;

/**
 * Every client's {@link TenantCredentials}. In CDI, {@code @Inject TenantDirectory tenants} and
 * {@code tenants.client("taxjar")}; in plain Java, {@link Tollgate#tenants(String)}.
 */
public interface TenantDirectory {

    /**
     * The tenants of {@code client}.
     *
     * @throws TollgateConfigException when the client is not configured
     */
    TenantCredentials client(String client);

    /**
     * Re-encrypts every stored value not encrypted with the current {@code tollgate.store.encryption-key}
     * (after a rotation, once the previous key is listed in {@code tollgate.store.previous-keys}).
     *
     * @return how many values were re-encrypted
     * @throws TenantStoreException when the store cannot be read or written, or when values decrypt with no key:
     *         those are left as they are, after every other value was re-encrypted, and the first one's tenant is named
     */
    int reencrypt();
}
