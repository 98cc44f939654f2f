package dev.tollgate.engine.store;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.stream.Stream;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store on H2, the default database of both servers ({@code java:comp/DefaultDataSource}), as a
 * file database in a temporary directory so that the scan reads what H2 writes to disk.
 */
class H2TenantStoreTest extends TenantStoreContract {

    @TempDir
    Path directory;

    @Override
    DataSourceSupplier emptyDatabase() {
        JdbcDataSource h2 = new JdbcDataSource();
        // open until shut down, as a server's connection pool keeps it
        h2.setURL("jdbc:h2:file:" + directory.resolve("tollgate") + ";DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        return () -> h2;
    }

    @AfterEach
    void shutDown() throws SQLException {
        shutDownDatabase();
    }

    private void shutDownDatabase() throws SQLException {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + directory.resolve("tollgate") + ";IFEXISTS=TRUE");
        h2.setUser("sa");
        try (Connection connection = h2.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN");
        } catch (SQLException notThere) {
            // the test used no database here
        }
    }

    /** A port nothing listens on: H2's TCP client is refused there. */
    @Override
    DataSourceSupplier unreachableDatabase() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:tcp://127.0.0.1:" + closedPort + "/tollgate");
        return () -> h2;
    }

    /**
     * Every byte of the database's files, once H2 has written and closed them, byte for byte (as
     * Latin-1, which maps each byte to one character).
     */
    @Override
    Map<String, String> everythingStored() throws IOException, SQLException {
        shutDownDatabase();
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                all.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            }
        }
        return Map.of("H2's files", all.toString());
    }
}
