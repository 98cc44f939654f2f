package dev.tollgate.cluster.hazelcast;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** A bounded wait for what Hazelcast does on its own clock (expiry): a safety net, not a timing. */
final class Waits {

    static final Duration SAFETY_NET = Duration.ofSeconds(30);

    private Waits() {
    }

    static void until(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + SAFETY_NET.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not within " + SAFETY_NET + ": " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted waiting for " + what);
            }
        }
    }
}
