package dev.tollgate.testkit.simulator.bigcommerce;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which app is installed in which store, and the store's current access token for that app. A
 * token exists once a code was exchanged; the next exchange for the same store and app replaces
 * it, and an uninstall removes it: either way the previous token stops working on the API host
 * at once.
 */
final class AppInstalls {

    private record Key(String clientId, String storeHash) {
    }

    /** {@code token} is null until the install's code is exchanged. */
    private record Install(String scope, String token) {

        @Override
        public String toString() {
            return "Install[" + scope + "]"; // never the token
        }
    }

    private final Map<Key, Install> installs = new ConcurrentHashMap<>();

    /** A (re-)install: the current token, if any, keeps working until the new code is exchanged. */
    void install(String clientId, String storeHash, String scope) {
        installs.merge(new Key(clientId, storeHash), new Install(scope, null), (old, fresh) -> new Install(scope, old.token()));
    }

    /** A new token for the installed app, replacing the previous one; empty if the app was uninstalled meanwhile. */
    Optional<String> issueToken(String clientId, String storeHash, String scope) {
        Install updated = installs.computeIfPresent(new Key(clientId, storeHash), (key, old) -> new Install(scope, Opaque.issue(31)));
        return Optional.ofNullable(updated).map(Install::token);
    }

    /** True if the app was installed there. */
    boolean uninstall(String clientId, String storeHash) {
        return installs.remove(new Key(clientId, storeHash)) != null;
    }

    boolean installed(String clientId, String storeHash) {
        return installs.containsKey(new Key(clientId, storeHash));
    }

    Optional<String> token(String clientId, String storeHash) {
        return Optional.ofNullable(installs.get(new Key(clientId, storeHash))).map(Install::token);
    }

    /** The token is the current one of some app installed in this store. */
    boolean authorizes(String storeHash, String token) {
        if (token == null) {
            return false;
        }
        return installs.entrySet().stream()
                .anyMatch(e -> e.getKey().storeHash().equals(storeHash) && token.equals(e.getValue().token()));
    }
}
