package dev.tollgate.engine;

import java.util.Optional;

/**
 * The tenant selected for calls on this thread by {@code Tollgate.withTenant}. Always restored
 * in {@code finally}, so a pooled thread never carries one call's tenant into the next call.
 */
public final class TenantContext {

    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private TenantContext() {
    }

    public static Optional<String> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** Sets the tenant and returns the one it replaces, which the caller must {@link #restore}. */
    public static String enter(String tenant) {
        String previous = CURRENT.get();
        CURRENT.set(tenant);
        return previous;
    }

    public static void restore(String previous) {
        if (previous == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(previous);
        }
    }

    public static boolean isValidName(String tenant) {
        return tenant != null && ConfigKeys.NAME.matcher(tenant).matches();
    }
}
