package dev.tollgate.api;

import java.util.Map;
import java.util.Set;

/**
 * The tenants (merchants, stores) of one client that the application onboards while it runs: their
 * credentials are kept, encrypted, in the tenant store ({@code tollgate.<client>.tenant-store=database}).
 * A saved tenant is usable at once by every module of the application; a removed or replaced one is
 * never used again. Tenants defined in configuration are listed but cannot be changed here.
 *
 * <pre>{@code
 * TenantCredentials taxjar = Tollgate.tenants("taxjar");
 * taxjar.save("acme", Map.of("api-token", tokenTheMerchantPasted));
 * }</pre>
 */
public interface TenantCredentials {

    /** The client these tenants belong to. */
    String client();

    /**
     * Checks {@code values} as configuration would be checked, proves them with the vendor (TaxJar:
     * a read of its categories; token APIs: a token request), and stores them, replacing the tenant's
     * previous values, only when all of that passed.
     *
     * @throws InvalidTenantValuesException the name or the values are unusable; nothing was sent or stored
     * @throws CredentialsRejectedException the vendor refused the credentials; nothing stored
     * @throws CredentialsUnverifiedException the vendor could not confirm them (an account problem, the
     *         vendor unreachable); nothing stored: {@link #saveUnverified} stores them anyway
     * @throws TollgateConfigException the tenant is defined in configuration, or the client does not keep
     *         tenants in the store
     * @throws TenantStoreException the store could not be written; nothing stored
     */
    void save(String tenant, Map<String, String> values);

    /**
     * {@link #save} without asking the vendor: for values the vendor cannot confirm right now, when
     * the caller accepts that the first call may be refused. The values are still checked.
     */
    void saveUnverified(String tenant, Map<String, String> values);

    /**
     * Removes a stored tenant; its cached credentials are dropped, and its next call fails before
     * anything is sent.
     *
     * @return false when no such tenant was stored
     */
    boolean remove(String tenant);

    /** The client's tenants: those defined in configuration and those stored. */
    Set<String> list();

    /**
     * A stored tenant's values as a page may show them: secret values masked to their last four
     * characters (e.g. {@code ••••3f9a}; one shorter than 16 characters is masked whole,
     * {@code ••••}), others as stored; empty when the tenant is not stored.
     */
    Map<String, String> masked(String tenant);
}
