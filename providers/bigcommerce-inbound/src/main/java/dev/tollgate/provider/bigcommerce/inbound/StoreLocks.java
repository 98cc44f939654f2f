package dev.tollgate.provider.bigcommerce.inbound;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One lock per store, in this JVM, held from the code exchange to the save: BigCommerce revokes a
 * store's previous token when it issues a new one, so two installs of one store at once must save
 * in the order their tokens were issued, or the revoked one would stay stored. Striped: a fixed
 * number of locks, so that no store ever adds memory; two stores that share a stripe only wait
 * for each other.
 */
final class StoreLocks {

    private static final int STRIPES = 64;
    private static final ReentrantLock[] LOCKS = new ReentrantLock[STRIPES];

    static {
        for (int i = 0; i < STRIPES; i++) {
            LOCKS[i] = new ReentrantLock(true);
        }
    }

    private StoreLocks() {
    }

    /** The lock of {@code storeHash} of {@code client}, acquired within {@code wait}, or null if not. */
    static ReentrantLock acquire(String client, String storeHash, Duration wait) throws InterruptedException {
        ReentrantLock lock = of(client, storeHash);
        return lock.tryLock(wait.toMillis(), TimeUnit.MILLISECONDS) ? lock : null;
    }

    /** True while an install of the store waits for another (tests: a race made to happen). */
    static boolean hasWaiting(String client, String storeHash) {
        return of(client, storeHash).hasQueuedThreads();
    }

    private static ReentrantLock of(String client, String storeHash) {
        return LOCKS[Math.floorMod((client + "/" + storeHash).hashCode(), STRIPES)];
    }
}
