package dev.tollgate.engine.store;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the tenant store's database work on threads of its own. An application server enlists a
 * connection in the JTA transaction of the thread that takes it: taken on the application's thread
 * inside a transaction (a stateless bean's method, a {@code @Transactional} one), the store's own
 * commit fails, or its writes roll back with the caller's, or commit later than the store said.
 * These threads carry no transaction, so each operation is its own unit of work whatever the
 * caller's thread is in. The caller waits a bounded time, and an interrupt ends its wait.
 */
final class StoreThreads {

    /** Database work the store's threads run: the store's operations, each with its own connection. */
    @FunctionalInterface
    interface Work<T> {
        T run() throws SQLException;
    }

    /**
     * The caller stopped waiting (the limit passed, or it was interrupted). {@link #mayStillComplete()}
     * tells whether the work had started: if not, it was taken back and changed nothing.
     */
    static final class UnfinishedException extends SQLException {
        private static final long serialVersionUID = 1L;
        private final boolean mayStillComplete;

        UnfinishedException(String message, boolean mayStillComplete) {
            super(message);
            this.mayStillComplete = mayStillComplete;
        }

        boolean mayStillComplete() {
            return mayStillComplete;
        }
    }

    /** Enough for concurrent onboarding; more work queues (each wait stays bounded). */
    private static final int THREADS = 4;
    private static final AtomicInteger STORES = new AtomicInteger();

    private final ThreadPoolExecutor pool;
    private final Duration limit;

    /**
     * @param limit how long a caller waits for one operation; the threads go away when idle, so an
     *        undeployed application leaves none behind
     */
    StoreThreads(Duration limit) {
        this.limit = limit;
        this.pool = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                threads("tollgate-store-" + STORES.incrementAndGet() + "-"));
        pool.allowCoreThreadTimeOut(true);
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        ClassLoader engine = StoreThreads.class.getClassLoader();
        return work -> {
            // created on a caller's thread: inherit none of its inheritable thread locals, where a
            // server could keep a transaction's or a request's context
            Thread thread = new Thread(null, work, prefix + count.incrementAndGet(), 0, false);
            thread.setDaemon(true);
            // not the first caller's loader: a thread must not keep one application's classes
            thread.setContextClassLoader(engine);
            return thread;
        };
    }

    /**
     * Runs {@code work} on one of the store's threads and gives back its result or its exception,
     * as {@code work} threw it.
     *
     * @throws UnfinishedException when the limit passed or the caller was interrupted (its
     *         interrupt flag stays set)
     */
    <T> T call(Work<T> work) throws SQLException {
        // whoever claims it first: the thread that runs the work, or the caller that gives up on it
        AtomicBoolean claimed = new AtomicBoolean();
        Future<T> result = pool.submit(() -> claimed.compareAndSet(false, true) ? work.run() : null);
        try {
            return result.get(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw rethrown(e.getCause());
        } catch (TimeoutException e) {
            throw unfinished("did not finish within " + limit, claimed, result);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unfinished("was interrupted while waiting for the database", claimed, result);
        }
    }

    /** Operations waiting for a thread (tests). */
    int queued() {
        return pool.getQueue().size();
    }

    /** Not started yet: it never will. Started: left to finish (a JDBC call interrupted midway may break its connection). */
    private UnfinishedException unfinished(String what, AtomicBoolean claimed, Future<?> result) {
        boolean takenBack = claimed.compareAndSet(false, true);
        if (takenBack) {
            // out of the queue now, not when a thread frees up: while the database hangs, every
            // caller would leave one behind, each holding its values (secrets among them)
            pool.remove((Runnable) result);
        }
        return new UnfinishedException("the operation " + what
                + (takenBack ? "; it had not started" : "; it had started and may still complete"), !takenBack);
    }

    private static SQLException rethrown(Throwable cause) {
        if (cause instanceof SQLException sql) {
            return sql;
        }
        if (cause instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new SQLException(cause);
    }
}
