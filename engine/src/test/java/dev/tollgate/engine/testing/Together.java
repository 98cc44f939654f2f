package dev.tollgate.engine.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Calls released at once on a pool's threads, so that they race; their results in order. */
public final class Together {

    private Together() {
    }

    /** Runs {@code calls} on {@code pool}'s threads, released together, and returns their results (each waited for 30 s at most). */
    public static <T> List<T> run(ExecutorService pool, List<Callable<T>> calls) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (Callable<T> call : calls) {
            futures.add(pool.submit(() -> {
                start.await();
                return call.call();
            }));
        }
        start.countDown();
        List<T> results = new ArrayList<>();
        for (Future<T> f : futures) {
            results.add(f.get(30, TimeUnit.SECONDS));
        }
        return results;
    }

    /** {@link #run} with {@code times} copies of {@code call}. */
    public static <T> List<T> run(ExecutorService pool, int times, Callable<T> call) throws Exception {
        return run(pool, Collections.nCopies(times, call));
    }
}
