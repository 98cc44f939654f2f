package dev.tollgate.testkit.simulator.bigcommerce;

/**
 * A control panel user of a simulated store, as the token endpoint's answer and signed payloads
 * name one. Each store has one owner, derived from its hash so that every answer about a store
 * names the same owner; the owner is also the merchant who installs apps.
 */
record StoreUser(long id, String username, String email) {

    static StoreUser ownerOf(String storeHash) {
        // a positive id that stays the same for the store, as an owner's id does
        long id = 1_000L + Math.floorMod(storeHash.hashCode(), 9_000_000);
        return new StoreUser(id, "owner-" + storeHash, "owner@" + storeHash.toLowerCase(java.util.Locale.ROOT) + ".example.com");
    }
}
