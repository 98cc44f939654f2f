package dev.tollgate.demo.shop;

import java.util.List;

/**
 * The BigCommerce client's stores: those the administrator configured (not changed by the page)
 * and those that installed the app.
 *
 * @param problem why the list could not be read (the tenant store unreachable); null when it was
 */
record StoreList(List<String> configured, List<InstalledStoreRow> installed, String problem) {

    StoreList {
        configured = List.copyOf(configured);
        installed = List.copyOf(installed);
    }

    static StoreList unreadable(String problem) {
        return new StoreList(List.of(), List.of(), problem);
    }
}
