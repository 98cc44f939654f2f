package dev.tollgate.engine;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The engine's own threads for the token fetches callers wait for (so that they can stop waiting
 * at the fetch's deadline), and for background refreshes when it is given no executor: daemon
 * threads, made when needed and gone when idle, with no queue to wait in: past {@value #MAX} at
 * once the executor refuses, and the cache runs the fetch on its caller's thread instead.
 */
final class RefreshThreads {

    static final int MAX = 32;
    private static final AtomicInteger COUNT = new AtomicInteger();

    private RefreshThreads() {
    }

    static ExecutorService newExecutor() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(0, MAX, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), task -> {
            Thread thread = new Thread(task, "tollgate-refresh-" + COUNT.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        return pool;
    }
}
