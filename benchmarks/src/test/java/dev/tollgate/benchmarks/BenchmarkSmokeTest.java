package dev.tollgate.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The smoke run `mvn verify` makes of the benchmarks: each benchmark method once, checked to do
 * what it measures (an Authorization header set), and the storm measurement. No timings.
 */
class BenchmarkSmokeTest {

    @Test
    void everyWarmPathBenchmarkAttachesTheToken() throws Exception {
        ReferenceFiltersBenchmark references = new ReferenceFiltersBenchmark();
        references.setUp();
        assertEquals(List.of("Bearer " + Fixtures.TOKEN), references.floor().get("Authorization"));
        assertEquals(List.of("Bearer " + Fixtures.TOKEN), references.google().get("Authorization"));
        assertEquals(List.of("Bearer " + Fixtures.TOKEN), references.floor().get("Authorization"), "the request was not made afresh");

        CachedTokenBenchmark benchmark = new CachedTokenBenchmark();
        benchmark.merchants = 1000;
        benchmark.setUp();
        try {
            Set<Object> tokens = new HashSet<>();
            for (int i = 0; i < 3; i++) {
                List<Object> authorization = benchmark.tollgate().get("Authorization");
                assertEquals(1, authorization.size());
                tokens.add(authorization.get(0));
            }
            assertEquals(3, tokens.size(), "three merchants, three tokens");
        } finally {
            benchmark.tearDown();
        }
    }

    @Test
    void endToEndCallsSucceedWithAndWithoutTollgateAgainstAServerInAnotherProcess() throws Exception {
        EndToEndBenchmark benchmark = new EndToEndBenchmark();
        benchmark.setUp();
        try {
            assertTrue(benchmark.unauthenticated() > 0);
            assertTrue(benchmark.tollgate() > 0);
        } finally {
            benchmark.tearDown();
        }
    }

    @Test
    void anExpiryStormCausesOneTokenRequest() throws Exception {
        assertEquals(1, BenchmarkReport.expiryStormTokenRequests());
    }

    @Test
    void theRefreshLatencyMeasurementRunsARefreshThatHangs() throws Exception {
        long[] p99 = RefreshLatency.p99s();
        assertTrue(p99[0] > 0 && p99[1] > 0);
    }
}
