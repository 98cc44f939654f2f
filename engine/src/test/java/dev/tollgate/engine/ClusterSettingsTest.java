package dev.tollgate.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.TollgateConfigException;
import dev.tollgate.engine.fake.StaticBearerProvider;
import dev.tollgate.engine.testing.MemoryCluster;
import dev.tollgate.testkit.config.TestConfig;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The cluster keys as a typo-prone administrator writes them: each mistake fails deployment (the
 * engine's {@code validateConfiguredClients}) with the key's name and what to do, and an engine
 * asked to join a cluster it cannot find does not start quietly on its own.
 */
class ClusterSettingsTest {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

    private static TestConfig config() {
        return TestConfig.with("tollgate.api.provider", StaticBearerProvider.ID).and("tollgate.api.base-url", "https://api.example.com/")
                .and("tollgate.api.api-token", "t0k3n-for-the-settings-test");
    }

    private static List<TollgateConfigException> problems(TestConfig config) {
        TollgateEngine engine = TollgateEngine.builder().config(config.build()).withoutCluster().build();
        try {
            return engine.validateConfiguredClients();
        } finally {
            engine.close();
        }
    }

    private static void assertProblem(TestConfig config, String... expected) {
        List<TollgateConfigException> problems = problems(config);
        for (String part : expected) {
            assertTrue(problems.stream().anyMatch(p -> p.getMessage().contains(part)), part + " in " + problems);
        }
    }

    @Test
    void aMistypedCacheModeFailsDeploymentNamingTheKeyAndItsValues() {
        assertProblem(config().and("tollgate.cache", "clustered"), "tollgate.cache must be local", "or cluster");
        assertProblem(config().and("tollgate.cache", "Cluster"), "tollgate.cache must be local");
        assertEquals(List.of(), problems(config().and("tollgate.cache", "local")));
        assertEquals(List.of(), problems(config().and("tollgate.cache", " local ")));
    }

    @Test
    void aLeaseThatIsNotADurationFromASecondToFiveMinutesFailsDeployment() {
        TestConfig cluster = config().and("tollgate.cache", "cluster").and("tollgate.store.encryption-key", KEY);
        for (String lease : List.of("10s", "PT0S", "PT0.5S", "PT6M", "-PT10S", "P1D")) {
            assertProblem(cluster.copy().and("tollgate.cache.fetch-lease", lease), "tollgate.cache.fetch-lease", "PT1S to PT5M");
        }
    }

    @Test
    void aClusterWithoutTheStoreKeyOrWithoutAClusterModuleFailsDeploymentSayingWhatToAdd() {
        assertProblem(config().and("tollgate.cache", "cluster"), "tollgate.store.encryption-key is not set");
        assertProblem(config().and("tollgate.cache", "cluster").and("tollgate.store.encryption-key", "c2hvcnQ="),
                "tollgate.store.encryption-key", "32 bytes");
        // the engine's own tests have no cluster module on the class path
        assertProblem(config().and("tollgate.cache", "cluster").and("tollgate.store.encryption-key", KEY),
                "no cluster module", "tollgate-cluster-infinispan", "tollgate.cache=local");
    }

    @Test
    void anEngineAskedToJoinAClusterItCannotFindDoesNotStart() {
        TollgateConfigException e = assertThrows(TollgateConfigException.class, () -> TollgateEngine.builder()
                .config(config().and("tollgate.cache", "cluster").and("tollgate.store.encryption-key", KEY).build()).build());
        assertTrue(e.getMessage().contains("tollgate.cache is cluster"), e.getMessage());
        assertFalse(e.getMessage().contains(KEY));
    }

    @Test
    void aLocalEngineIgnoresAGivenMap() {
        MemoryCluster cluster = new MemoryCluster(Clock.systemUTC());
        TollgateEngine engine = TollgateEngine.builder().config(config().build()).sharedMap(cluster.node("a")).build();
        engine.close();
        assertEquals(0, cluster.contents().size());
    }
}
