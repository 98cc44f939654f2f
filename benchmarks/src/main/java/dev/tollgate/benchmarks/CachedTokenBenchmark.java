package dev.tollgate.benchmarks;

import dev.tollgate.api.Tollgate;
import dev.tollgate.engine.TollgateEngine;
import dev.tollgate.testkit.jaxrs.FilterCapture;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The warm path: Tollgate's filters as a client runtime calls them (tenant pick, origin check,
 * cached credential, its headers) for requests spread round-robin over 1, 1,000 or 100,000
 * merchants, each with its own token. The floor and the peer are {@link ReferenceFiltersBenchmark}.
 *
 * <p>The setup (100,000 merchants' configuration and first fetches) leaves garbage behind; it is
 * collected before measuring, in a heap of fixed size, so that the figure is the filters' own.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
public class CachedTokenBenchmark {

    /** Merchants the requests are spread over. */
    @Param({"1", "1000", "100000"})
    public int merchants;

    private QuietRequest request;
    private TollgateEngine engine;
    private List<ClientRequestFilter> tollgate;
    private String[] tenants;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        engine = Fixtures.taxjar(merchants);
        tollgate = FilterCapture.requestFilters(engine.feature("taxjar"));
        request = new QuietRequest(FilterCapture.clientProperties(engine.feature("taxjar")));
        tenants = new String[merchants];
        for (int i = 0; i < merchants; i++) {
            tenants[i] = Fixtures.tenant(i);
        }
        Fixtures.warm(tollgate, merchants);
        Fixtures.collectGarbage();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        engine.close();
    }

    @Benchmark
    public MultivaluedMap<String, Object> tollgate() {
        request.reset(Fixtures.TARGET).setProperty(Tollgate.TENANT_PROPERTY, tenants[next]);
        next = next + 1 == tenants.length ? 0 : next + 1;
        Fixtures.apply(tollgate, request);
        return request.getHeaders();
    }
}
