package dev.tollgate.benchmarks;

import com.sun.net.httpserver.HttpServer;
import dev.tollgate.engine.TollgateEngine;
import dev.tollgate.testkit.config.TestConfig;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
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
 * Whole calls: a Jersey client to a loopback HTTP server that answers 200 at once, without
 * Tollgate and with it (TaxJar, one merchant, cached token). Throughput, two client threads.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
// without TCP_NODELAY the JDK's HTTP server meets delayed ACKs: ~22 ms a call, whatever the client does
@Fork(value = 1, jvmArgsAppend = "-Dsun.net.httpserver.nodelay=true")
@Threads(2)
public class EndToEndBenchmark {

    private HttpServer server;
    private Client plain;
    private Client authenticated;
    private TollgateEngine engine;
    private WebTarget plainTarget;
    private WebTarget authenticatedTarget;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
        byte[] body = "{\"categories\":[]}".getBytes(StandardCharsets.UTF_8);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/v2/";
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
        server.stop(0);
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
