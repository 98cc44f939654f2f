package dev.tollgate.benchmarks;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.OAuth2Credentials;
import dev.tollgate.testkit.jaxrs.FilterCapture;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What {@link CachedTokenBenchmark} is compared with, on the same kind of request: the floor
 * (Jersey's OAuth2 filter, one constant header) and the peer (Google's
 * {@code OAuth2Credentials.getRequestMetadata} with a cached access token, its headers copied
 * onto the request).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
public class ReferenceFiltersBenchmark {

    private QuietRequest request;
    private List<ClientRequestFilter> floor;
    private OAuth2Credentials google;

    @Setup(Level.Trial)
    public void setUp() {
        floor = FilterCapture.requestFilters(OAuth2ClientSupport.feature(Fixtures.TOKEN));
        google = OAuth2Credentials.create(new AccessToken(Fixtures.TOKEN, new Date(System.currentTimeMillis() + 3_600_000)));
        request = new QuietRequest();
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
}
