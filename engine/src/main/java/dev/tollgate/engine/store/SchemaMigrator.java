package dev.tollgate.engine.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Brings the tenant store's tables to the newest schema version. Scripts are read by their exact
 * resource names (no classpath scanning, which WildFly's virtual file system breaks) and applied
 * in order; {@code tollgate_schema_version} records each one applied.
 *
 * <p>Two servers may start on the same empty database at once. Every script's statements may run
 * twice harmlessly, and the script's version row is written last, in the script's transaction (one
 * transaction on PostgreSQL, whose DDL is transactional; H2 commits at each DDL statement). When
 * one server's attempt collides with the other's (a duplicate table or version row), it rolls back,
 * reads the version again and, if the other server has not finished yet, tries again.
 */
final class SchemaMigrator {

    /** Version n is the n-th script. Append only: a released script never changes. */
    static final List<String> SCRIPTS = List.of("V1__tenant_store.sql");

    private static final String VERSION_TABLE = "CREATE TABLE IF NOT EXISTS tollgate_schema_version ("
            + " version INT NOT NULL PRIMARY KEY, script VARCHAR(200) NOT NULL)";
    private static final int ATTEMPTS = 5;

    private final int queryTimeoutSeconds;

    SchemaMigrator(int queryTimeoutSeconds) {
        this.queryTimeoutSeconds = queryTimeoutSeconds;
    }

    /** @return the number of scripts this call applied (0 when the schema was up to date) */
    int migrate(Connection connection) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        try {
            connection.setAutoCommit(false);
            if (isUpToDate(connection)) {
                // no DDL at all: a database user allowed only to read and write the tables works
                return 0;
            }
            ensureVersionTable(connection);
            int applied = 0;
            for (int version = 1; version <= SCRIPTS.size(); version++) {
                if (apply(connection, version)) {
                    applied++;
                }
            }
            return applied;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /** True when every script is recorded; false also when the version table does not exist yet. */
    private boolean isUpToDate(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT COUNT(*) FROM tollgate_schema_version WHERE version BETWEEN 1 AND ?")) {
            query.setQueryTimeout(queryTimeoutSeconds);
            query.setInt(1, SCRIPTS.size());
            try (ResultSet row = query.executeQuery()) {
                boolean upToDate = row.next() && row.getInt(1) == SCRIPTS.size();
                connection.commit();
                return upToDate;
            }
        } catch (SQLException notThereYet) {
            // most likely no version table: the migration below creates it, or reports what is wrong
            connection.rollback();
            return false;
        }
    }

    private void ensureVersionTable(Connection connection) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try (Statement statement = connection.createStatement()) {
                statement.setQueryTimeout(queryTimeoutSeconds);
                statement.execute(VERSION_TABLE);
                connection.commit();
                return;
            } catch (SQLException collided) {
                connection.rollback();
                if (attempt >= ATTEMPTS) {
                    throw collided;
                }
            }
        }
    }

    /** @return true when this call applied the script, false when it was applied already */
    private boolean apply(Connection connection, int version) throws SQLException {
        String script = SCRIPTS.get(version - 1);
        List<String> statements = statements(script);
        for (int attempt = 1; ; attempt++) {
            if (isApplied(connection, version)) {
                return false;
            }
            try (Statement statement = connection.createStatement()) {
                statement.setQueryTimeout(queryTimeoutSeconds);
                for (String sql : statements) {
                    statement.execute(sql);
                }
                try (PreparedStatement record = connection.prepareStatement(
                        "INSERT INTO tollgate_schema_version (version, script) VALUES (?, ?)")) {
                    record.setQueryTimeout(queryTimeoutSeconds);
                    record.setInt(1, version);
                    record.setString(2, script);
                    record.executeUpdate();
                }
                connection.commit();
                return true;
            } catch (SQLException collided) {
                connection.rollback();
                if (attempt >= ATTEMPTS) {
                    throw collided;
                }
            }
        }
    }

    private boolean isApplied(Connection connection, int version) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT version FROM tollgate_schema_version WHERE version = ?")) {
            query.setQueryTimeout(queryTimeoutSeconds);
            query.setInt(1, version);
            try (ResultSet row = query.executeQuery()) {
                return row.next();
            } finally {
                connection.commit();
            }
        }
    }

    /** The script's statements: comment lines dropped, split at each {@code ;} that ends a line. */
    static List<String> statements(String script) {
        String text = read(script);
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String sql = current.toString().strip();
                statements.add(sql.substring(0, sql.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            throw new IllegalStateException(script + " ends without a ';'");
        }
        return statements;
    }

    private static String read(String script) {
        try (InputStream in = SchemaMigrator.class.getResourceAsStream(script)) {
            if (in == null) {
                throw new IllegalStateException("the schema script " + script + " is missing from the engine's jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
