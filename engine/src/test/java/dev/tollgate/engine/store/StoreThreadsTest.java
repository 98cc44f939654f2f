package dev.tollgate.engine.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A database that stops answering while callers keep coming: every caller gives up after its
 * limit, and what it gave up on before it started must not stay queued (it holds the caller's
 * values, secrets among them, and the queue would grow with every request for as long as the
 * database hangs).
 */
class StoreThreadsTest {

    private final CountDownLatch databaseAnswers = new CountDownLatch(1);

    @AfterEach
    void releaseTheDatabase() {
        databaseAnswers.countDown();
    }

    @Test
    void workGivenUpBeforeItStartedIsNotLeftQueued() throws Exception {
        // the limit only decides when each caller stops waiting; nothing asserted depends on it
        StoreThreads threads = new StoreThreads(Duration.ofMillis(20));
        CountDownLatch busy = new CountDownLatch(4);
        for (int i = 0; i < 4; i++) {
            Thread caller = new Thread(() -> {
                try {
                    threads.call(() -> {
                        busy.countDown();
                        try {
                            return databaseAnswers.await(1, TimeUnit.MINUTES);
                        } catch (InterruptedException e) {
                            throw new java.sql.SQLException(e);
                        }
                    });
                } catch (Exception expected) {
                    // gave up; the work goes on holding its thread
                }
            });
            caller.setDaemon(true);
            caller.start();
        }
        assertTrue(busy.await(30, TimeUnit.SECONDS), "every store thread is stuck in the database");

        for (int i = 0; i < 50; i++) {
            StoreThreads.UnfinishedException e = assertThrows(StoreThreads.UnfinishedException.class,
                    () -> threads.call(() -> "a save"));
            assertFalse(e.mayStillComplete(), "it had not started");
        }

        assertEquals(0, threads.queued(), "nothing given up stays queued");
    }
}
