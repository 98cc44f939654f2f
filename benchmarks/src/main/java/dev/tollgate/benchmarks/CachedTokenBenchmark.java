package dev.tollgate.benchmarks;

import dev.tollgate.testkit.jaxrs.FilterCapture;
import dev.tollgate.testkit.jaxrs.RequestStub;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.OAuth2Credentials;
import dev.tollgate.api.Tollgate;
import dev.tollgate.engine.TollgateEngine;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.MultivaluedMap;
import java.io.IOException;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.glassfish.jersey.client.oauth2.OAuth2ClientSupport;
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
 * The warm path: attaching a cached credential to a request. Tollgate's filters as a client
 * runtime calls them (tenant pick, origin check, cache read, header copy, last origin check),
 * against the floor (Jersey's OAuth2 filter, one constant header) and Google's
 * {@code OAuth2Credentials.getRequestMetadata} with a cached access token.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CachedTokenBenchmark {

    /** Merchants the requests are spread over (Tollgate only; the others have one token). */
    @Param({"1", "1000", "100000"})
    public int merchants;

    private RequestStub request;
    private List<ClientRequestFilter> floor;
    private OAuth2Credentials google;
    private TollgateEngine engine;
    private List<ClientRequestFilter> tollgate;
    private String[] tenants;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        floor = FilterCapture.requestFilters(OAuth2ClientSupport.feature(Fixtures.TOKEN));
        google = OAuth2Credentials.create(new AccessToken(Fixtures.TOKEN, new Date(System.currentTimeMillis() + 3_600_000)));
        engine = Fixtures.taxjar(merchants);
        tollgate = FilterCapture.requestFilters(engine.feature("taxjar"));
        request = new RequestStub(FilterCapture.clientProperties(engine.feature("taxjar")));
        tenants = new String[merchants];
        for (int i = 0; i < merchants; i++) {
            tenants[i] = Fixtures.tenant(i);
        }
        Fixtures.warm(tollgate, merchants);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        engine.close();
    }

    @Benchmark
    public MultivaluedMap<String, Object> floor() {
        Fixtures.apply(floor, request.reset(Fixtures.TARGET));
        return request.getHeaders();
    }

    @Benchmark
    public MultivaluedMap<String, Object> google() throws IOException {
        request.reset(Fixtures.TARGET);
        for (Map.Entry<String, List<String>> header : google.getRequestMetadata(Fixtures.TARGET).entrySet()) {
            request.getHeaders().addAll(header.getKey(), header.getValue().toArray());
        }
        return request.getHeaders();
    }

    @Benchmark
    public MultivaluedMap<String, Object> tollgate() {
        request.reset(Fixtures.TARGET).setProperty(Tollgate.TENANT_PROPERTY, tenants[next]);
        next = next + 1 == tenants.length ? 0 : next + 1;
        Fixtures.apply(tollgate, request);
        return request.getHeaders();
    }
}
