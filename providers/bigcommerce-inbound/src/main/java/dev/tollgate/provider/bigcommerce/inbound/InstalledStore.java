package dev.tollgate.provider.bigcommerce.inbound;

import java.util.Optional;

/**
 * A store that installed the app, as BigCommerce's token endpoint described it when the auth
 * callback's code was exchanged: its hash and the tenant it is saved as, the scopes granted, the
 * user who installed it and the store owner, and the developer account's UUID. Never the token.
 *
 * @param storeHash the store, from {@code context} ({@code stores/{hash}})
 * @param tenant the tenant the store is saved as ({@link BigCommerceApp#tenantOf(String)})
 * @param scope the scopes granted, space-separated, as BigCommerce answered them
 * @param user the user who installed the app
 * @param owner the store's owner
 * @param accountUuid the app developer's account UUID, when BigCommerce gave one
 * @param reinstalled true when the store was stored before: its previous token was replaced
 */
public record InstalledStore(String storeHash, String tenant, String scope, AppUser user, AppUser owner,
                             Optional<String> accountUuid, boolean reinstalled) {

    /** A BigCommerce user of the store: id, user name and email where given. */
    public record AppUser(long id, Optional<String> username, Optional<String> email) {
    }
}
