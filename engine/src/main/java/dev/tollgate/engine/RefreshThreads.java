package dev.tollgate.engine;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The engine's own threads for the token fetches callers wait for (so that they can stop waiting
 * at the fetch's deadline), and for background refreshes when it is given no executor: at most
 * {@value #MAX} daemon threads, made when needed and gone after 30 s idle; more fetches at once
 * wait in a queue, their callers no longer than each fetch's deadline. A fetch never runs on its
 * caller's thread, where an endpoint that trickles its answer could hold the caller without end.
 */
final class RefreshThreads {

    static final int MAX = 32;
    private static final AtomicInteger COUNT = new AtomicInteger();

    private RefreshThreads() {
    }

    static ExecutorService newExecutor() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(MAX, MAX, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
            Thread thread = new Thread(task, "tollgate-refresh-" + COUNT.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
