package dev.tollgate.demo.shop;

/**
 * A store that installed the demo as a BigCommerce app, as the page lists it.
 *
 * @param tenant      the tenant the app's auth callback saved it as ({@code store-<hash>})
 * @param storeHash   the store, as BigCommerce names it
 * @param maskedToken its access token as {@code TenantCredentials.masked} gives it: its last four characters
 */
record InstalledStoreRow(String tenant, String storeHash, String maskedToken) {
}
