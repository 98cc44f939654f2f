package dev.tollgate.api.runtime;

import java.util.Optional;

/**
 * For the engine, not for applications (they use {@code Tollgate.withTenant}).
 *
 * <p>The tenant selected for calls on this thread: by {@code Tollgate.withTenant}, always restored in
 * {@code finally}, or carried to the thread of one asynchronous Rest Client call. A carried tenant
 * serves that one call only: the first Tollgate filter to read it ends it on the spot, inside the
 * call's own task on its own thread, and ending it from another thread (Rest Client
 * implementations may call {@code removeContext} on the caller's thread) never touches that
 * other thread's selection. So a pooled thread never keeps a tenant, and an asynchronous call
 * never changes its caller's.
 */
public final class TenantContext {

    /** One selection on one thread's stack of selections. */
    public static final class Scope {
        private final String tenant;
        private final Scope previous;
        private final Thread thread;
        private final boolean carried;
        private volatile boolean ended;

        private Scope(String tenant, Scope previous, boolean carried) {
            this.tenant = tenant;
            this.previous = previous;
            this.thread = Thread.currentThread();
            this.carried = carried;
        }

        /**
         * Ends a carried selection, from any thread. On its own thread it is taken off at once;
         * elsewhere it is only marked, and its thread drops it on its next look.
         */
        public void end() {
            ended = true;
            if (Thread.currentThread() == thread && CURRENT.get() == this) {
                set(previous);
            }
        }
    }

    private static final ThreadLocal<Scope> CURRENT = new ThreadLocal<>();

    private TenantContext() {
    }

    /** The tenant selected on this thread, if any. */
    public static Optional<String> current() {
        Scope scope = live();
        return scope == null ? Optional.empty() : Optional.ofNullable(scope.tenant);
    }

    /**
     * The tenant for the request being sent on this thread; a carried selection is ended by
     * this read, so it serves that request and nothing after it.
     */
    public static String forRequest() {
        Scope scope = live();
        if (scope == null) {
            return "";
        }
        if (scope.carried) {
            scope.end();
        }
        return scope.tenant == null ? "" : scope.tenant;
    }

    /** Selects {@code tenant} (null: none) and returns what it replaces, which the caller must {@link #restore}. */
    public static Scope enter(String tenant) {
        Scope previous = live();
        set(new Scope(tenant, previous, false));
        return previous;
    }

    public static void restore(Scope previous) {
        set(previous);
    }

    /**
     * Selects {@code tenant} (null: none) on this thread for the one asynchronous call it was
     * carried to; {@link Scope#end()} ends it.
     */
    public static Scope carry(String tenant) {
        Scope scope = new Scope(tenant, live(), true);
        set(scope);
        return scope;
    }

    /** This thread's selection, without the carried ones that have ended. */
    private static Scope live() {
        Scope scope = CURRENT.get();
        if (scope == null || !scope.ended) {
            return scope;
        }
        while (scope != null && scope.ended) {
            scope = scope.previous;
        }
        set(scope);
        return scope;
    }

    private static void set(Scope scope) {
        if (scope == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(scope);
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
