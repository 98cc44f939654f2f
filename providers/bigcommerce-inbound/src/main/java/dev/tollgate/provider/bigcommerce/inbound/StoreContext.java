package dev.tollgate.provider.bigcommerce.inbound;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The store a BigCommerce {@code context} names: {@code stores/{hash}}, the hash 1 to 64 letters and
 * digits. Anything else names no store: the auth callback is refused before anything is sent.
 */
final class StoreContext {

    private static final Pattern CONTEXT = Pattern.compile("stores/([A-Za-z0-9]{1,64})");
    private static final Pattern HASH = Pattern.compile("[A-Za-z0-9]{1,64}");

    private StoreContext() {
    }

    /** The store hash of {@code context}, or empty when it is missing or not {@code stores/{hash}}. */
    static Optional<String> storeHash(String context) {
        if (context == null) {
            return Optional.empty();
        }
        Matcher m = CONTEXT.matcher(context);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** True for a store hash as BigCommerce writes them (a tenant can be named after it). */
    static boolean isStoreHash(String hash) {
        return hash != null && HASH.matcher(hash).matches();
    }

    static String of(String storeHash) {
        return "stores/" + storeHash;
    }
}
