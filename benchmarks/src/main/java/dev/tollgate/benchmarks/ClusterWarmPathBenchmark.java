package dev.tollgate.benchmarks;

import dev.tollgate.api.Tollgate;
import dev.tollgate.engine.TollgateEngine;
import dev.tollgate.engine.testing.MemoryCluster;
import dev.tollgate.testkit.config.TestConfig;
import dev.tollgate.testkit.http.LoopbackServer;
import dev.tollgate.testkit.http.RequestJournal;
import dev.tollgate.testkit.jaxrs.FilterCapture;
import dev.tollgate.testkit.simulator.oauth2.OAuth2Clients;
import dev.tollgate.testkit.simulator.oauth2.OAuth2Fixture;
import dev.tollgate.testkit.simulator.oauth2.OAuth2Simulator;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.MultivaluedMap;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
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
 * The warm path with the cluster tier on ({@code tollgate.cache=cluster}) against local only, in
 * one run: an OAuth2 client's fetched, expiring tokens (the credentials the cluster shares), for
 * requests spread round-robin over 1 or 1,000 tenants, each with its own token, all cached. The
 * tier sits where the local cache fetches, so a warm call should cost the same (issue 17's target:
 * at most 1.1×). The shared map is an in-memory replicated map: a warm call must not reach it at
 * all, so its speed does not matter here.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 8, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
public class ClusterWarmPathBenchmark {

    @State(Scope.Thread)
    public static class Node {
        @Param({"local", "cluster"})
        public String cache;
        @Param({"1", "1000"})
        public int tenants;

        LoopbackServer server;
        TollgateEngine engine;
        List<ClientRequestFilter> filters;
        QuietRequest request;
        URI target;
        String[] names;
        int next;

        @Setup(Level.Trial)
        public void setUp() {
            OAuth2Simulator simulator = new OAuth2Simulator(OAuth2Clients.standard(), Clock.systemUTC(), new RequestJournal());
            server = LoopbackServer.serve(simulator);
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            TestConfig config = TestConfig.with("tollgate.api.provider", "oauth2")
                    .and("tollgate.api.base-url", server.url("oauth2/"))
                    .and("tollgate.api.token-url", server.url("oauth2/token"))
                    .and("tollgate.api.client-id", OAuth2Fixture.REPORTING_CLIENT_ID)
                    .and("tollgate.api.client-secret", OAuth2Fixture.REPORTING_CLIENT_SECRET)
                    .and("tollgate.api.auth-method", "client_secret_post")
                    .and("tollgate.cache", cache)
                    .and("tollgate.store.encryption-key", Base64.getEncoder().encodeToString(key));
            names = new String[tenants];
            StringBuilder listed = new StringBuilder();
            for (int i = 0; i < tenants; i++) {
                names[i] = Fixtures.tenant(i);
                listed.append(i == 0 ? "" : ",").append(names[i]);
            }
            config.and("tollgate.api.tenants", listed.toString());
            TollgateEngine.Builder builder = TollgateEngine.builder().config(config.build());
            if (cache.equals("cluster")) {
                builder.sharedMap(new MemoryCluster(Clock.systemUTC()).node("this"));
            }
            engine = builder.build();
            filters = FilterCapture.requestFilters(engine.feature("api"));
            request = new QuietRequest(FilterCapture.clientProperties(engine.feature("api")));
            target = URI.create(server.url("oauth2/api/resource"));
            for (String name : names) { // every tenant's token fetched and cached
                request.reset(target).setProperty(Tollgate.TENANT_PROPERTY, name);
                Fixtures.apply(filters, request);
            }
            Fixtures.collectGarbage();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            engine.close();
            server.close();
        }
    }

    @Benchmark
    public MultivaluedMap<String, Object> tollgate(Node n) {
        n.request.reset(n.target).setProperty(Tollgate.TENANT_PROPERTY, n.names[n.next]);
        n.next = n.next + 1 == n.names.length ? 0 : n.next + 1;
        Fixtures.apply(n.filters, n.request);
        return n.request.getHeaders();
    }
}
