package dev.tollgate.engine.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.TenantStoreException;
import dev.tollgate.testkit.database.PostgresServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The store on a real PostgreSQL server, the production target: one throwaway cluster for the class
 * (Debian's PostgreSQL 15 binaries), a new database per test.
 */
class PostgresTenantStoreTest extends TenantStoreContract {

    private static PostgresServer server;

    @BeforeAll
    static void startServer() {
        server = PostgresServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Override
    DataSourceSupplier emptyDatabase() {
        return onServer(server, server.createDatabase());
    }

    private static DataSourceSupplier onServer(PostgresServer on, String database) {
        DriverManagerDataSource source = new DriverManagerDataSource(on.jdbcUrl(database), on.user(), on.password(), TIMEOUT_SECONDS);
        return () -> source;
    }

    /** A port nothing listens on. */
    @Override
    DataSourceSupplier unreachableDatabase() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        DriverManagerDataSource source = new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:" + closedPort + "/tollgate",
                server.user(), server.password(), TIMEOUT_SECONDS);
        return () -> source;
    }

    /**
     * Every column of every Tollgate table, read as text by a SQL login, and, once a checkpoint has
     * written them, the files of this test's database (tables, indexes) and the write-ahead log,
     * byte for byte (as Latin-1, which maps each byte to one character).
     */
    @Override
    Map<String, String> everythingStored() throws Exception {
        StringBuilder columns = new StringBuilder();
        StringBuilder files = new StringBuilder();
        String databaseOid;
        try (Connection connection = database.get().getConnection(); Statement statement = connection.createStatement()) {
            List<String> tables = List.of("tollgate_tenant", "tollgate_tenant_value", "tollgate_revision", "tollgate_schema_version");
            for (String table : tables) {
                try (ResultSet row = statement.executeQuery("SELECT * FROM " + table)) {
                    int count = row.getMetaData().getColumnCount();
                    while (row.next()) {
                        for (int i = 1; i <= count; i++) {
                            columns.append(row.getString(i)).append('\n');
                        }
                    }
                }
            }
            statement.execute("CHECKPOINT");
            try (ResultSet oid = statement.executeQuery("SELECT oid FROM pg_database WHERE datname = current_database()")) {
                oid.next();
                databaseOid = oid.getString(1);
            }
        }
        for (Path directory : List.of(server.dataDirectory().resolve("base").resolve(databaseOid), server.dataDirectory().resolve("pg_wal"))) {
            try (Stream<Path> walk = Files.walk(directory)) {
                for (Path file : walk.filter(Files::isRegularFile).toList()) {
                    byte[] bytes = Files.readAllBytes(file);
                    // write-ahead log segments are preallocated: their zeroed tail holds nothing
                    int end = bytes.length;
                    while (end > 0 && bytes[end - 1] == 0) {
                        end--;
                    }
                    files.append(new String(bytes, 0, end, StandardCharsets.ISO_8859_1));
                }
            }
        }
        return Map.of("every column as text", columns.toString(), "the database's and write-ahead log's files", files.toString());
    }

    @Test
    void aStoppedServerFailsOperationsClearlyAndTheStoreRecoversWhenItIsBack() {
        try (PostgresServer own = PostgresServer.start()) {
            database = onServer(own, own.createDatabase());
            DatabaseTenantStore onOwn = storeWith(key);
            String token = newToken();
            onOwn.save(CLIENT, "acme", Map.of("api-token", token), SECRET);

            own.stop();
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
                TenantStoreException load = assertThrows(TenantStoreException.class, () -> onOwn.load(CLIENT, "acme"));
                assertEquals("acme", load.tenant().orElseThrow());
                assertTrue(load.getMessage().contains("cannot be read from the tenant store") && load.getMessage().contains("08001"),
                        load.getMessage());
                TenantStoreException save = assertThrows(TenantStoreException.class,
                        () -> onOwn.save(CLIENT, "globex", Map.of("api-token", newToken()), SECRET));
                assertTrue(save.getMessage().contains("nothing was changed"), save.getMessage());
                assertFalse(save.getMessage().contains(token) || save.getMessage().contains(own.password()));
            }, "safety net: connection refused at once; the store's timeouts bound a hung server");

            own.restart();
            assertEquals(token, onOwn.load(CLIENT, "acme").orElseThrow().values().get("api-token"));
        }
    }

    /**
     * In production the application's database user often may read and write the tables but not
     * create anything (the schema is created by an administrator, or by a first deployment under
     * another user; PostgreSQL 15 grants no CREATE on schema public). Once the schema is current,
     * the store issues no DDL, so such a user works.
     */
    @Test
    void aUserThatMayOnlyReadAndWriteTheTablesUsesAnUpToDateSchema() throws Exception {
        String database;
        try (Connection owner = this.database.get().getConnection()) {
            database = owner.getCatalog();
        }
        store.tenants(CLIENT); // the schema, created by the owner
        String user = "shop_" + Long.toHexString(System.nanoTime());
        String password = dev.tollgate.testkit.log.ConfiguredSecrets.record("pw-" + newToken());
        try (Connection owner = this.database.get().getConnection(); Statement statement = owner.createStatement()) {
            statement.execute("CREATE ROLE " + user + " LOGIN PASSWORD '" + password + "'");
            statement.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
            statement.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO " + user);
        }
        DriverManagerDataSource asShop = new DriverManagerDataSource(server.jdbcUrl(database), user, password, TIMEOUT_SECONDS);
        DatabaseTenantStore shopStore = new DatabaseTenantStore(() -> asShop, new KeyRing(key, List.of()), TIMEOUT_SECONDS);
        String token = newToken();

        shopStore.save(CLIENT, "acme", Map.of("api-token", token), SECRET);

        assertEquals(token, shopStore.load(CLIENT, "acme").orElseThrow().values().get("api-token"));
        assertEquals(token, store.load(CLIENT, "acme").orElseThrow().values().get("api-token"), "the owner's store reads it too");
    }

    /**
     * A database that accepts a save and then never confirms its commit (here: a deferred check that
     * waits for a lock this test holds; in life a frozen server or a dropped network) fails the save
     * instead of holding the caller's thread for ever: the statements' timeout does not cover commit.
     */
    @Test
    void aCommitTheDatabaseNeverConfirmsFailsTheSaveInsteadOfHangingForEver() throws Exception {
        store.tenants(CLIENT); // creates the schema
        try (Connection holder = database.get().getConnection(); Statement statement = holder.createStatement()) {
            statement.execute("CREATE FUNCTION tollgate_test_wait() RETURNS trigger LANGUAGE plpgsql AS"
                    + " $$ BEGIN PERFORM pg_advisory_xact_lock(4242); RETURN NULL; END $$");
            statement.execute("CREATE CONSTRAINT TRIGGER tollgate_test_wait_at_commit AFTER INSERT OR UPDATE ON tollgate_tenant"
                    + " DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION tollgate_test_wait()");
            holder.setAutoCommit(false);
            statement.execute("SELECT pg_advisory_xact_lock(4242)");
            String token = newToken();

            TenantStoreException failed = assertTimeoutPreemptively(Duration.ofSeconds(120),
                    () -> assertThrows(TenantStoreException.class, () -> store.save(CLIENT, "acme", Map.of("api-token", token), SECRET)),
                    "safety net only: without a bound on every wait for the database, this save never returns");
            assertEquals("acme", failed.tenant().orElseThrow());
            assertFalse(failed.getMessage().contains(token));
            holder.rollback();
        }
    }

    /**
     * 100,000 stored tenants: loading one reads it through the primary keys of both tables, never
     * a scan. The rows are written in two set-based statements (the values are placeholders: the
     * plan depends on the keys, not on what the rows hold), then one tenant is saved by the store.
     */
    @Test
    void withOneHundredThousandTenantsLoadUsesThePrimaryKeyIndexes() throws SQLException {
        int tenants = 100_000;
        store.tenants(CLIENT); // creates the schema
        try (Connection connection = database.get().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO tollgate_tenant (client, tenant, revision) SELECT '" + CLIENT + "', 'tenant-' || g, g"
                    + " FROM generate_series(1, " + tenants + ") g");
            statement.execute("INSERT INTO tollgate_tenant_value (client, tenant, key_name, secret, key_id, nonce, stored_value, tag)"
                    + " SELECT client, tenant, k, FALSE, 'placeholder', 'placeholder', 'value', 'placeholder'"
                    + " FROM tollgate_tenant CROSS JOIN (VALUES ('api-token'), ('region')) AS keys(k)");
            statement.execute("ANALYZE tollgate_tenant");
            statement.execute("ANALYZE tollgate_tenant_value");
        }
        String token = newToken();
        store.save(CLIENT, "acme", Map.of("api-token", token, "region", "eu"), SECRET);

        String plan = plan(DatabaseTenantStore.LOAD, CLIENT, "acme");
        assertTrue(plan.contains("tollgate_tenant_pkey") && plan.contains("tollgate_tenant_value_pkey"), plan);
        assertFalse(plan.contains("Seq Scan"), plan);
        assertEquals(tenants + 1, store.tenants(CLIENT).size());
        assertEquals(token, store.load(CLIENT, "acme").orElseThrow().values().get("api-token"));
    }

    private String plan(String query, String... parameters) throws SQLException {
        StringBuilder plan = new StringBuilder();
        try (Connection connection = database.get().getConnection(); PreparedStatement explain = connection.prepareStatement("EXPLAIN " + query)) {
            for (int i = 0; i < parameters.length; i++) {
                explain.setString(i + 1, parameters[i]);
            }
            try (ResultSet line = explain.executeQuery()) {
                while (line.next()) {
                    plan.append(line.getString(1)).append('\n');
                }
            }
        }
        return plan.toString();
    }
}
