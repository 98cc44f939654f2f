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

    /**
     * Letters, digits, '-' and '_', starting with a letter or digit, at most 100: the same as
     * {@link ConfigKeys#NAME}, checked by hand because it runs on every request.
     */
    public static boolean isValidName(String tenant) {
        int length = tenant == null ? 0 : tenant.length();
        if (length == 0 || length > 100 || !isAsciiLetterOrDigit(tenant.charAt(0))) {
            return false;
        }
        for (int i = 1; i < length; i++) {
            char c = tenant.charAt(i);
            if (!isAsciiLetterOrDigit(c) && c != '-' && c != '_') {
                return false;
            }
        }
        return true;
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}
