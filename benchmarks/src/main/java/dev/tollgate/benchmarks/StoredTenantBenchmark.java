package dev.tollgate.benchmarks;

import dev.tollgate.api.ClientRef;
import dev.tollgate.api.Tollgate;
import dev.tollgate.engine.TollgateEngine;
import dev.tollgate.engine.store.DatabaseStoreFactory;
import dev.tollgate.engine.store.DatabaseTenantStore;
import dev.tollgate.testkit.config.TestConfig;
import dev.tollgate.testkit.jaxrs.FilterCapture;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.MultivaluedMap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.Config;
import org.h2.jdbcx.JdbcConnectionPool;
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
 * A merchant saved at run time ({@code tenant-store=database}) on an H2 file database (the
 * servers' default database is H2) behind H2's connection pool (a server's data source pools its
 * connections) holding 1 or 100,000 stored merchants, each with its own encrypted TaxJar token:
 * <ul>
 * <li>{@code firstCall}: Tollgate's request filter for a merchant this engine has not loaded yet:
 * one read of the store, the token decrypted, the tenant's settings built, the header attached.
 * A new engine per call (the only way to have a merchant not loaded yet when one merchant is
 * stored), built and warmed outside the measurement by a call for a merchant defined in the
 * configuration, so that the figure is the stored merchant's own and not the client's first call;</li>
 * <li>{@code warmCall}: the same merchant's next calls, its token held: the store is not read.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
public class StoredTenantBenchmark {

    static final String CLIENT = "taxjar";
    /** A merchant of the configuration, whose call warms a new engine's client. */
    static final String CONFIGURED = "configured";

    /** The database and the merchants stored in it, once per run. */
    @State(Scope.Benchmark)
    public static class Database {
        /** How many merchants the database holds. */
        @Param({"1", "100000"})
        public int stored;

        Path directory;
        JdbcConnectionPool pool;
        Config config;
        DatabaseTenantStore store;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            directory = Files.createTempDirectory("tollgate-bench-store-");
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            config = TestConfig.with("tollgate.taxjar.provider", "taxjar").and("tollgate.taxjar.tenant-store", "database")
                    .and("tollgate.taxjar.tenants." + CONFIGURED + ".api-token", Fixtures.TOKEN)
                    .and(DatabaseStoreFactory.ENCRYPTION_KEY, Base64.getEncoder().encodeToString(key)).build();
            // pooled connections, as a server's data source has
            pool = JdbcConnectionPool.create(jdbcUrl(), "sa", "");
            store = DatabaseStoreFactory.create(config, pool, ClientRef.client(CLIENT));
            for (int i = 0; i < stored; i++) {
                store.save(CLIENT, Fixtures.tenant(i), Map.of("api-token", token(i)), Set.of("api-token"));
            }
        }

        /** Open until shut down, as a server's pool keeps it. */
        String jdbcUrl() {
            return "jdbc:h2:file:" + directory.resolve("tollgate") + ";DB_CLOSE_DELAY=-1";
        }

        /** A new engine over this database, as a restarted server has. */
        TollgateEngine engine() {
            return TollgateEngine.builder().config(config).tenantStore(store).build();
        }

        @TearDown(Level.Trial)
        public void tearDown() throws IOException, SQLException {
            try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("SHUTDOWN");
            }
            pool.dispose();
            try (Stream<Path> files = Files.walk(directory)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    static String token(int i) {
        return Fixtures.TOKEN.substring(0, 24) + String.format("%08d", i);
    }

    /** A new engine before each call, which has loaded no merchant yet. */
    @State(Scope.Thread)
    public static class Unloaded {
        TollgateEngine engine;
        List<ClientRequestFilter> filters;
        QuietRequest request;
        String tenant;
        int next;

        @Setup(Level.Invocation)
        public void newEngine(Database database) {
            engine = database.engine();
            filters = FilterCapture.requestFilters(engine.feature(CLIENT));
            request = new QuietRequest(FilterCapture.clientProperties(engine.feature(CLIENT)));
            request.reset(Fixtures.TARGET).setProperty(Tollgate.TENANT_PROPERTY, CONFIGURED);
            Fixtures.apply(filters, request);
            // a different merchant each time, spread over the whole table
            tenant = Fixtures.tenant(next);
            next = (next + 7919) % database.stored;
        }

        @TearDown(Level.Invocation)
        public void closeEngine() {
            engine.close();
        }
    }

    /** One engine that has loaded one merchant and holds its token. */
    @State(Scope.Thread)
    public static class Loaded {
        TollgateEngine engine;
        List<ClientRequestFilter> filters;
        QuietRequest request;
        String tenant;

        @Setup(Level.Trial)
        public void setUp(Database database) {
            engine = database.engine();
            filters = FilterCapture.requestFilters(engine.feature(CLIENT));
            request = new QuietRequest(FilterCapture.clientProperties(engine.feature(CLIENT)));
            tenant = Fixtures.tenant(database.stored / 2);
            request.reset(Fixtures.TARGET).setProperty(Tollgate.TENANT_PROPERTY, tenant);
            Fixtures.apply(filters, request);
            Fixtures.collectGarbage();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            engine.close();
        }
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public MultivaluedMap<String, Object> firstCall(Unloaded u) {
        u.request.reset(Fixtures.TARGET).setProperty(Tollgate.TENANT_PROPERTY, u.tenant);
        Fixtures.apply(u.filters, u.request);
        return u.request.getHeaders();
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public MultivaluedMap<String, Object> warmCall(Loaded l) {
        l.request.reset(Fixtures.TARGET).setProperty(Tollgate.TENANT_PROPERTY, l.tenant);
        Fixtures.apply(l.filters, l.request);
        return l.request.getHeaders();
    }
}
