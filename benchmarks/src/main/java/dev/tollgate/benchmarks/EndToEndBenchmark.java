package dev.tollgate.benchmarks;

import dev.tollgate.engine.TollgateEngine;
import dev.tollgate.testkit.config.TestConfig;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Whole calls: a Jersey client to a loopback HTTP server in another JVM ({@link ServerProcess},
 * pinned to its own CPU) that answers 200 at once, without Tollgate and with it (TaxJar, one
 * merchant, cached token). Throughput, two client threads. Run alone for absolute figures; the
 * report's ratio comes from {@link EndToEndRounds}, which alternates the two in one JVM.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(2)
public class EndToEndBenchmark {

    private ServerProcess server;
    private Client plain;
    private Client authenticated;
    private TollgateEngine engine;
    private WebTarget plainTarget;
    private WebTarget authenticatedTarget;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        server = ServerProcess.start();
        String base = server.baseUrl();
        engine = TollgateEngine.builder().config(TestConfig.with("tollgate.taxjar.provider", "taxjar")
                .and("tollgate.taxjar.base-url", base).and("tollgate.taxjar.api-token", Fixtures.TOKEN).build()).build();
        plain = ClientBuilder.newClient();
        authenticated = ClientBuilder.newClient().register(engine.feature("taxjar"));
        plainTarget = plain.target(base).path("categories");
        authenticatedTarget = authenticated.target(base).path("categories");
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        plain.close();
        authenticated.close();
        engine.close();
        server.close();
    }

    @Benchmark
    public int unauthenticated() {
        try (Response r = plainTarget.request().get()) {
            return r.readEntity(String.class).length();
        }
    }

    @Benchmark
    public int tollgate() {
        try (Response r = authenticatedTarget.request().get()) {
            return r.readEntity(String.class).length();
        }
    }
}
