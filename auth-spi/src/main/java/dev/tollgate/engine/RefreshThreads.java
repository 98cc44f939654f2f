package dev.tollgate.engine;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The engine's own threads for background refreshes when it is given no executor (Java SE, or
 * a server without a managed executor): at most four daemon threads, gone when idle.
 */
final class RefreshThreads {

    private static final AtomicInteger COUNT = new AtomicInteger();

    private RefreshThreads() {
    }

    static ExecutorService newExecutor() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(4, 4, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
            Thread thread = new Thread(task, "tollgate-refresh-" + COUNT.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
