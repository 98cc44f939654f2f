package dev.tollgate.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The smoke run `mvn verify` makes of the benchmarks: each benchmark method once, checked to do
 * what it measures (an Authorization header set), and the storm measurement. No timings.
 */
class BenchmarkSmokeTest {

    @Test
    void everyWarmPathBenchmarkAttachesTheToken() throws Exception {
        CachedTokenBenchmark benchmark = new CachedTokenBenchmark();
        benchmark.merchants = 1000;
        benchmark.setUp();
        try {
            assertEquals(List.of("Bearer " + Fixtures.TOKEN), benchmark.floor().get("Authorization"));
            assertEquals(List.of("Bearer " + Fixtures.TOKEN), benchmark.google().get("Authorization"));
            for (int i = 0; i < 3; i++) {
                assertEquals(1, benchmark.tollgate().get("Authorization").size());
            }
        } finally {
            benchmark.tearDown();
        }
    }

    @Test
    void endToEndCallsSucceedWithAndWithoutTollgate() throws Exception {
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
