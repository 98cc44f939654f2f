package dev.tollgate.engine.testing;

import dev.tollgate.engine.TollgateEngine;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Waits for work the engine does on its own threads (a background refresh) to end. The bound is
 * a safety net on a loaded machine, never a timing: a test asserts what it waited for afterwards.
 */
public final class Eventually {

    private static final long SAFETY_NET_SECONDS = 30;

    private Eventually() {
    }

    /** Returns once {@code condition} holds, or after the safety net; the caller asserts. */
    public static void until(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SAFETY_NET_SECONDS);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    /** Until {@code engine} has fetched {@code count} credentials in all: a background refresh ended. */
    public static void fetches(TollgateEngine engine, long count) throws InterruptedException {
        until(() -> engine.cache().fetchCount() >= count);
    }
}
