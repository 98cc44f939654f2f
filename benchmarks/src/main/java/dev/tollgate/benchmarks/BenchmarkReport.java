package dev.tollgate.benchmarks;

import dev.tollgate.testkit.jaxrs.FilterCapture;

import dev.tollgate.engine.TollgateEngine;
import dev.tollgate.testkit.config.TestConfig;
import dev.tollgate.testkit.http.LoopbackServer;
import dev.tollgate.testkit.http.RequestJournal;
import dev.tollgate.testkit.simulator.oauth2.OAuth2Clients;
import dev.tollgate.testkit.simulator.oauth2.OAuth2Fixture;
import dev.tollgate.testkit.simulator.oauth2.OAuth2Simulator;
import dev.tollgate.testkit.time.MutableClock;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.ClientRequestFilter;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs every benchmark in one go and prints the table of benchmarks/README.md: each Tollgate
 * figure as a ratio against the baseline measured in the same run, next to its target.
 */
public final class BenchmarkReport {

    private BenchmarkReport() {
    }

    /** One benchmark's figures: its score, error (99.9 %), and bytes allocated per operation (NaN if not profiled). */
    record Figure(double score, double error, double bytesPerOp) {
        double relativeError() {
            return error / score;
        }
    }

    public static void main(String[] args) throws Exception {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(WarmPathBenchmark.class.getSimpleName())
                .include(StoredTenantBenchmark.class.getSimpleName())
                .addProfiler(GCProfiler.class)
                .build()).run();
        Map<String, Figure> figures = new LinkedHashMap<>();
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark().replaceAll(".*\\.", "");
            // WarmPathBenchmark's merchants in the configuration, StoredTenantBenchmark's in the database
            String merchants = Optional.ofNullable(r.getParams().getParam("merchants")).orElse(r.getParams().getParam("stored"));
            Result<?> alloc = r.getSecondaryResults().entrySet().stream()
                    .filter(e -> e.getKey().endsWith("gc.alloc.rate.norm")).map(Map.Entry::getValue).findFirst().orElse(null);
            figures.put(merchants == null ? name : name + "/" + merchants, new Figure(r.getPrimaryResult().getScore(),
                    r.getPrimaryResult().getScoreError(), alloc == null ? Double.NaN : alloc.getScore()));
        }
        double heap = heapPerCachedToken(100_000);
        long[] p99 = RefreshLatency.p99s();
        int storm = expiryStormTokenRequests();
        EndToEndRounds.Figures endToEnd = EndToEndRounds.measure();
        boolean pinned;
        try (ServerProcess probe = ServerProcess.start()) {
            pinned = probe.pinned();
        }

        Figure floor = figures.get("floor");
        Figure google = figures.get("google");
        Figure one = figures.get("tollgate/1");
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"floor: Jersey OAuth2ClientSupport.feature(token)", ns(floor), bytes(floor), "1.00×", "baseline", ""});
        rows.add(new String[] {"peer: Google OAuth2Credentials.getRequestMetadata", ns(google), bytes(google),
                ratio(google.score() / floor.score()), "peer", ""});
        rows.add(new String[] {"Tollgate, cached token, 1 merchant", ns(one), bytes(one), ratio(one.score() / floor.score()),
                "≤ 1.5× floor and < peer; 0 B/op",
                met(one.score() <= 1.5 * floor.score() && one.score() < google.score() && one.bytesPerOp() < 0.5)
                        + (one.score() <= 1.10 * floor.score() ? " (stretch ≤ 1.10×: yes)" : " (stretch ≤ 1.10×: no)")});
        Figure thousand = figures.get("tollgate/1000");
        rows.add(new String[] {"Tollgate, cached token, 1,000 merchants", ns(thousand), bytes(thousand),
                ratio(thousand.score() / floor.score()), ratio(thousand.score() / one.score()) + " of 1 merchant", ""});
        Figure many = figures.get("tollgate/100000");
        rows.add(new String[] {"Tollgate, cached token, 100,000 merchants", ns(many), bytes(many), ratio(many.score() / floor.score()),
                "≤ 1.5× of 1 merchant (" + ratio(many.score() / one.score()) + "), error < 10 % ("
                        + String.format(Locale.ROOT, "%.1f %%", 100 * many.relativeError()) + ")",
                met(many.score() <= 1.5 * one.score() && many.relativeError() < 0.10)});
        Figure firstOfOne = figures.get("firstCall/1");
        Figure firstOfMany = figures.get("firstCall/100000");
        rows.add(new String[] {"stored merchant, first call (not loaded yet), 1 merchant stored", us(firstOfOne), bytes(firstOfOne),
                "1.00×", "baseline (one read of the store, a token decrypted)", ""});
        rows.add(new String[] {"stored merchant, first call (not loaded yet), 100,000 merchants stored", us(firstOfMany),
                bytes(firstOfMany), ratio(firstOfMany.score() / firstOfOne.score()), "one indexed read: about 1× of 1 stored", ""});
        Figure warmOfOne = figures.get("warmCall/1");
        Figure warmOfMany = figures.get("warmCall/100000");
        rows.add(new String[] {"stored merchant, warm call, 1 merchant stored", ns(warmOfOne), bytes(warmOfOne),
                ratio(warmOfOne.score() / one.score()) + " of a configured merchant", "the store is not read", ""});
        rows.add(new String[] {"stored merchant, warm call, 100,000 merchants stored", ns(warmOfMany), bytes(warmOfMany),
                ratio(warmOfMany.score() / warmOfOne.score()) + " of 1 stored", "the store is not read", ""});
        rows.add(new String[] {"heap per cached token (100,000 merchants)", String.format(Locale.ROOT, "%.0f B", heap), "", "",
                "≤ 1 KiB", met(heap <= 1024)});
        rows.add(new String[] {"expiry storm: 64 threads, expired token", storm + " token request(s)", "", "", "exactly 1",
                met(storm == 1)});
        rows.add(new String[] {"warm path p99, steady (median of 7 rounds of 200,000 calls)", p99[0] + " ns", "", "1.00×",
                "baseline", ""});
        rows.add(new String[] {"warm path p99 while a refresh hangs in the stale window", p99[1] + " ns", "",
                ratio(p99[1] / (double) p99[0]), "≤ 1.2× steady", met(p99[1] <= p99[0] * 1.2)});
        double[] ratios = endToEnd.ratios();
        rows.add(new String[] {"end to end, loopback, unauthenticated (median of " + ratios.length + " one-second rounds)",
                String.format(Locale.ROOT, "%.2f ops/ms", endToEnd.unauthenticated()),
                String.format(Locale.ROOT, "%.0f B/call", endToEnd.unauthenticatedBytes()), "1.00×", "baseline", ""});
        rows.add(new String[] {"end to end, loopback, with Tollgate (rounds alternating with the above)",
                String.format(Locale.ROOT, "%.2f ops/ms", endToEnd.tollgate()),
                String.format(Locale.ROOT, "%.0f B/call", endToEnd.tollgateBytes()),
                ratio(endToEnd.medianRatio()) + " (pairs " + ratio(ratios[0]) + "–" + ratio(ratios[ratios.length - 1]) + ")",
                "≥ 0.97×", met(endToEnd.medianRatio() >= 0.97)});
        System.out.println();
        System.out.println("| measurement | result | allocated | ratio | target | met |");
        System.out.println("|---|---|---|---|---|---|");
        for (String[] row : rows) {
            System.out.println("| " + String.join(" | ", row) + " |");
        }
        System.out.println();
        String clientCpu = System.getProperty("tollgate.benchmarks.client-cpu");
        System.out.println("machine: " + System.getProperty("tollgate.benchmarks.cpus", "?") + " CPUs, "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.version")
                + "; benchmarks " + (clientCpu == null ? "not pinned" : "on CPU " + clientCpu)
                + "; end-to-end server in its own JVM, " + (pinned ? "on CPU " + ServerProcess.SERVER_CPU : "not pinned (no taskset)"));
    }

    /** Heap held by the cache (and per-merchant settings) for each cached token, after GC. */
    static double heapPerCachedToken(int merchants) {
        TollgateEngine engine = Fixtures.taxjar(merchants);
        List<ClientRequestFilter> filters = FilterCapture.requestFilters(engine.feature("taxjar"));
        Fixtures.warm(filters, 10); // classes loaded, first allocations done
        long before = usedAfterGc();
        Fixtures.warm(filters, merchants);
        long after = usedAfterGc();
        Reference.reachabilityFence(filters);
        engine.close();
        return (after - before) / (double) merchants;
    }

    /** 64 threads on an expired token: how many token requests reach the authorization server. */
    static int expiryStormTokenRequests() throws Exception {
        MutableClock clock = MutableClock.startingAt("2026-11-22T10:00:00Z");
        OAuth2Simulator simulator = new OAuth2Simulator(OAuth2Clients.standard(), clock, new RequestJournal());
        try (LoopbackServer server = LoopbackServer.serve(simulator)) {
            TollgateEngine engine = TollgateEngine.builder().config(TestConfig.with("tollgate.api.provider", "oauth2")
                    .and("tollgate.api.base-url", server.url("oauth2/"))
                    .and("tollgate.api.token-url", server.url("oauth2/token"))
                    .and("tollgate.api.client-id", OAuth2Fixture.METRICS_CLIENT_ID)
                    .and("tollgate.api.client-secret", OAuth2Fixture.METRICS_CLIENT_SECRET).build()).clock(clock).build();
            Client client = ClientBuilder.newClient().register(engine.feature("api"));
            ExecutorService pool = Executors.newFixedThreadPool(64);
            try {
                client.target(server.url("oauth2/api/resource")).request().get().close();
                clock.advance(Duration.ofMinutes(6));
                int before = simulator.tokenRequests();
                CountDownLatch start = new CountDownLatch(1);
                List<Future<?>> calls = new ArrayList<>();
                for (int i = 0; i < 64; i++) {
                    calls.add(pool.submit(() -> {
                        start.await();
                        client.target(server.url("oauth2/api/resource")).request().get().close();
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> call : calls) {
                    call.get(60, TimeUnit.SECONDS);
                }
                return simulator.tokenRequests() - before;
            } finally {
                pool.shutdownNow();
                client.close();
                engine.close();
            }
        }
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 5; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static String ns(Figure f) {
        return String.format(Locale.ROOT, "%.1f ± %.1f ns/op", f.score(), f.error());
    }

    private static String us(Figure f) {
        return String.format(Locale.ROOT, "%.1f ± %.1f µs/op", f.score(), f.error());
    }

    private static String bytes(Figure f) {
        return Double.isNaN(f.bytesPerOp()) ? "" : String.format(Locale.ROOT, "%.0f B/op", f.bytesPerOp());
    }

    private static String ratio(double value) {
        return String.format(Locale.ROOT, "%.2f×", value);
    }

    private static String met(boolean met) {
        return met ? "yes" : "**no**";
    }
}
