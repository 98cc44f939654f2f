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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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

    public static void main(String[] args) throws Exception {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(CachedTokenBenchmark.class.getSimpleName())
                .include(EndToEndBenchmark.class.getSimpleName())
                .build()).run();
        Map<String, Double> score = new LinkedHashMap<>();
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark().replaceAll(".*\\.", "");
            String merchants = r.getParams().getParam("merchants");
            score.put(merchants == null ? name : name + "/" + merchants, r.getPrimaryResult().getScore());
        }
        double heap = heapPerCachedToken(100_000);
        long[] p99 = RefreshLatency.p99s();
        int storm = expiryStormTokenRequests();

        // the one-merchant rows: the 100,000-merchant fork carries GC work from its setup
        double floor = score.get("floor/1");
        double google = score.get("google/1");
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"floor: Jersey OAuth2ClientSupport.feature(token)", ns(floor), "1.00×", "baseline", ""});
        rows.add(new String[] {"Google OAuth2Credentials.getRequestMetadata", ns(google), ratio(google / floor), "peer", ""});
        for (String m : List.of("1", "1000", "100000")) {
            double t = score.get("tollgate/" + m);
            rows.add(new String[] {"Tollgate, cached token, " + m + " merchant(s)", ns(t), ratio(t / floor),
                    m.equals("1") ? "≤ 1.10× floor" : "≤ 1.2× of 1 merchant (" + ratio(t / score.get("tollgate/1")) + ")",
                    met(m.equals("1") ? t / floor <= 1.10 : t / score.get("tollgate/1") <= 1.2)});
        }
        rows.add(new String[] {"heap per cached token (100,000 merchants)", String.format(Locale.ROOT, "%.0f B", heap), "",
                "≤ 1 KiB", met(heap <= 1024)});
        rows.add(new String[] {"expiry storm: 64 threads, expired token", storm + " token request(s)", "", "exactly 1", met(storm == 1)});
        rows.add(new String[] {"warm path p99, steady", p99[0] + " ns", "1.00×", "baseline", ""});
        rows.add(new String[] {"warm path p99, while a refresh hangs (stale window)", p99[1] + " ns",
                ratio(p99[1] / (double) p99[0]), "p99 unchanged (≤ 1.10×)", met(p99[1] <= p99[0] * 1.10)});
        double plain = score.get("unauthenticated");
        double tollgate = score.get("tollgate");
        rows.add(new String[] {"end to end, loopback, unauthenticated", String.format(Locale.ROOT, "%.2f ops/ms", plain), "1.00×",
                "baseline", ""});
        rows.add(new String[] {"end to end, loopback, with Tollgate", String.format(Locale.ROOT, "%.2f ops/ms", tollgate),
                ratio(tollgate / plain), "≥ 0.97× throughput", met(tollgate / plain >= 0.97)});

        System.out.println();
        System.out.println("| measurement | result | ratio | target | met |");
        System.out.println("|---|---|---|---|---|");
        for (String[] row : rows) {
            System.out.println("| " + String.join(" | ", row) + " |");
        }
        System.out.println();
        System.out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores, "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.version") + ", max heap "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB");
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

    private static String ns(double value) {
        return String.format(Locale.ROOT, "%.1f ns/op", value);
    }

    private static String ratio(double value) {
        return String.format(Locale.ROOT, "%.2f×", value);
    }

    private static String met(boolean met) {
        return met ? "yes" : "**no**";
    }
}
