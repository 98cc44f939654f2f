package dev.tollgate.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.ToDoubleFunction;

/**
 * The end-to-end ratio, measured so that it can be judged on a shared machine: the calls of
 * {@link EndToEndBenchmark} (a server in another JVM on its own CPU), without and with Tollgate,
 * in one JVM, in alternating one-second rounds after a common warm-up, two client threads. Each
 * pair of rounds gives a ratio; whatever else the machine does in a round weighs on both of
 * its halves, so the median ratio and its spread say more than two separate runs could.
 */
final class EndToEndRounds {

    private static final int WARM_UP_PAIRS = 10;
    private static final int PAIRS = 11;
    private static final long ROUND_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final int THREADS = 2;
    private static final com.sun.management.ThreadMXBean ALLOCATION =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** Median throughputs (calls per ms), bytes the client threads allocated per call, and the pairs' ratios, sorted. */
    record Figures(double unauthenticated, double tollgate, double unauthenticatedBytes, double tollgateBytes, double[] ratios) {
        double medianRatio() {
            return ratios[ratios.length / 2];
        }
    }

    private EndToEndRounds() {
    }

    static Figures measure() throws Exception {
        EndToEndBenchmark calls = new EndToEndBenchmark();
        calls.setUp();
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try {
            for (int i = 0; i < WARM_UP_PAIRS; i++) {
                round(threads, calls::unauthenticated);
                round(threads, calls::tollgate);
            }
            Round[] plain = new Round[PAIRS];
            Round[] tollgate = new Round[PAIRS];
            double[] ratios = new double[PAIRS];
            for (int i = 0; i < PAIRS; i++) {
                // the order alternates, so that a drift of the machine does not favour either
                if (i % 2 == 0) {
                    plain[i] = round(threads, calls::unauthenticated);
                    tollgate[i] = round(threads, calls::tollgate);
                } else {
                    tollgate[i] = round(threads, calls::tollgate);
                    plain[i] = round(threads, calls::unauthenticated);
                }
                ratios[i] = tollgate[i].callsPerMs() / plain[i].callsPerMs();
            }
            Arrays.sort(ratios);
            return new Figures(median(plain, Round::callsPerMs), median(tollgate, Round::callsPerMs),
                    median(plain, Round::bytesPerCall), median(tollgate, Round::bytesPerCall), ratios);
        } finally {
            threads.shutdownNow();
            calls.tearDown();
        }
    }

    private record Round(double callsPerMs, double bytesPerCall) {
    }

    private static double median(Round[] rounds, ToDoubleFunction<Round> figure) {
        double[] values = Arrays.stream(rounds).mapToDouble(figure).sorted().toArray();
        return values[values.length / 2];
    }

    /** One round, every thread calling as fast as it can: calls per millisecond, and bytes its threads allocated per call. */
    private static Round round(ExecutorService threads, IntSupplier call) throws Exception {
        long end = System.nanoTime() + ROUND_NANOS;
        List<Future<long[]>> counts = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            counts.add(threads.submit(() -> {
                long allocatedBefore = ALLOCATION.getCurrentThreadAllocatedBytes();
                long n = 0;
                while (System.nanoTime() < end) {
                    if (call.getAsInt() <= 0) {
                        throw new IllegalStateException("an end-to-end call failed");
                    }
                    n++;
                }
                return new long[] {n, ALLOCATION.getCurrentThreadAllocatedBytes() - allocatedBefore};
            }));
        }
        long calls = 0;
        long bytes = 0;
        for (Future<long[]> count : counts) {
            long[] done = count.get(30, TimeUnit.SECONDS);
            calls += done[0];
            bytes += done[1];
        }
        return new Round(calls / (ROUND_NANOS / 1e6), calls == 0 ? 0 : bytes / (double) calls);
    }
}
