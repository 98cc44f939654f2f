package dev.tollgate.benchmarks;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.OAuth2Credentials;
import dev.tollgate.api.Tollgate;
import dev.tollgate.engine.TollgateEngine;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The warm path: attaching a cached credential to a request, on a request object that allocates
 * nothing itself ({@link QuietRequest}), so that time and bytes allocated are the filters' own.
 * Tollgate's filter as a client runtime calls it (tenant pick, origin check, cached credential,
 * its header), for requests spread round-robin over 1, 1,000 or 100,000 merchants, each with its
 * own token; against the floor (Jersey's OAuth2 filter, one constant header) and the peer
 * (Google's {@code OAuth2Credentials.getRequestMetadata} with a cached access token). JMH runs
 * the floor and the peer right before Tollgate's one-merchant figure, so that the three are
 * measured close together on a shared machine.
 *
 * <p>The setup (100,000 merchants' configuration and first fetches) leaves garbage behind; it is
 * collected before measuring, in a heap of fixed size, so that the figure is the filter's own.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
public class WarmPathBenchmark {

    /** The floor's and the peer's request and credentials: one token. */
    @State(Scope.Thread)
    public static class References {
        QuietRequest request;
        List<ClientRequestFilter> floor;
        OAuth2Credentials google;

        @Setup(Level.Trial)
        public void setUp() {
            floor = FilterCapture.requestFilters(OAuth2ClientSupport.feature(Fixtures.TOKEN));
            google = OAuth2Credentials.create(new AccessToken(Fixtures.TOKEN, new Date(System.currentTimeMillis() + 3_600_000)));
            request = new QuietRequest();
        }
    }

    /** Tollgate with {@link #merchants} merchants, every token cached. */
    @State(Scope.Thread)
    public static class Merchants {
        /** Merchants the requests are spread over. */
        @Param({"1", "1000", "100000"})
        public int merchants;

        QuietRequest request;
        TollgateEngine engine;
        List<ClientRequestFilter> tollgate;
        String[] tenants;
        int next;

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
    }

    @Benchmark
    public MultivaluedMap<String, Object> floor(References r) {
        Fixtures.apply(r.floor, r.request.reset(Fixtures.TARGET));
        return r.request.getHeaders();
    }

    @Benchmark
    public MultivaluedMap<String, Object> google(References r) throws IOException {
        r.request.reset(Fixtures.TARGET);
        for (Map.Entry<String, List<String>> header : r.google.getRequestMetadata(Fixtures.TARGET).entrySet()) {
            r.request.getHeaders().addAll(header.getKey(), header.getValue().toArray());
        }
        return r.request.getHeaders();
    }

    @Benchmark
    public MultivaluedMap<String, Object> tollgate(Merchants m) {
        m.request.reset(Fixtures.TARGET).setProperty(Tollgate.TENANT_PROPERTY, m.tenants[m.next]);
        m.next = m.next + 1 == m.tenants.length ? 0 : m.next + 1;
        Fixtures.apply(m.tollgate, m.request);
        return m.request.getHeaders();
    }
}
