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
        WarmPathBenchmark benchmark = new WarmPathBenchmark();
        WarmPathBenchmark.References references = new WarmPathBenchmark.References();
        references.setUp();
        assertEquals(List.of("Bearer " + Fixtures.TOKEN), benchmark.floor(references).get("Authorization"));
        assertEquals(List.of("Bearer " + Fixtures.TOKEN), benchmark.google(references).get("Authorization"));
        assertEquals(List.of("Bearer " + Fixtures.TOKEN), benchmark.floor(references).get("Authorization"),
                "the request was not made afresh");

        WarmPathBenchmark.Merchants merchants = new WarmPathBenchmark.Merchants();
        merchants.merchants = 1000;
        merchants.setUp();
        try {
            Set<Object> tokens = new HashSet<>();
            for (int i = 0; i < 3; i++) {
                List<Object> authorization = benchmark.tollgate(merchants).get("Authorization");
                assertEquals(1, authorization.size());
                tokens.add(authorization.get(0));
            }
            assertEquals(3, tokens.size(), "three merchants, three tokens");
        } finally {
            merchants.tearDown();
        }
    }

    @Test
    void theStoredTenantBenchmarksAttachEachMerchantsStoredToken() throws Exception {
        StoredTenantBenchmark benchmark = new StoredTenantBenchmark();
        StoredTenantBenchmark.Database database = new StoredTenantBenchmark.Database();
        database.stored = 1000;
        database.setUp();
        try {
            StoredTenantBenchmark.Unloaded unloaded = new StoredTenantBenchmark.Unloaded();
            Set<Object> tokens = new HashSet<>();
            for (int i = 0; i < 3; i++) {
                unloaded.newEngine(database);
                int merchant = Integer.parseInt(unloaded.tenant.substring(1));
                try {
                    assertEquals(List.of("Bearer " + StoredTenantBenchmark.token(merchant)), benchmark.firstCall(unloaded).get("Authorization"));
                } finally {
                    unloaded.closeEngine();
                }
                tokens.add(StoredTenantBenchmark.token(merchant));
            }
            assertEquals(3, tokens.size(), "three first calls, three merchants");

            StoredTenantBenchmark.Loaded loaded = new StoredTenantBenchmark.Loaded();
            loaded.setUp(database);
            try {
                assertEquals(List.of("Bearer " + StoredTenantBenchmark.token(500)), benchmark.warmCall(loaded).get("Authorization"));
            } finally {
                loaded.tearDown();
            }
        } finally {
            database.tearDown();
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
