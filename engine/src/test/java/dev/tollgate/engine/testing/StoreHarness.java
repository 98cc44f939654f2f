package dev.tollgate.engine.testing;

import dev.tollgate.api.ClientRef;
import dev.tollgate.engine.store.DatabaseStoreFactory;
import dev.tollgate.engine.store.TenantStore;
import dev.tollgate.testkit.config.TestConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Comparator;
import java.util.stream.Stream;
import org.h2.tools.Server;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A database for the tenant store of one test: an H2 file database in a directory of its own (H2
 * is the default database of both servers), reached by {@code tollgate.store.jdbc-url}, with an
 * encryption key of its own. Engines configured with {@link #configure} share it, as servers
 * sharing one database do. {@link #overTcp()} serves it through H2's TCP server instead, which a
 * test can stop and start again: the database down and back.
 */
public final class StoreHarness implements AfterEachCallback {

    private final Path directory;
    private final String encryptionKey;
    private Server server;
    private int port;

    public StoreHarness() {
        try {
            directory = Files.createTempDirectory("tollgate-store");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        encryptionKey = Base64.getEncoder().encodeToString(key);
    }

    /** Serves the database over H2's TCP server on a free loopback port from now on. */
    public StoreHarness overTcp() {
        start(0);
        return this;
    }

    /** The database stops answering: connections are refused, as with a database that is down. */
    public void stop() {
        server.stop();
    }

    /** The database answers again, on the same port. */
    public void restart() {
        start(port);
    }

    private void start(int onPort) {
        try {
            server = Server.createTcpServer("-tcpPort", String.valueOf(onPort), "-baseDir", directory.toString(), "-ifNotExists")
                    .start();
        } catch (SQLException e) {
            throw new IllegalStateException("H2's TCP server did not start", e);
        }
        port = server.getPort();
    }

    public String jdbcUrl() {
        return server != null ? "jdbc:h2:tcp://127.0.0.1:" + port + "/tollgate"
                : "jdbc:h2:file:" + directory.resolve("tollgate") + ";DB_CLOSE_DELAY=0";
    }

    /** {@code config} with this database as its tenant store. */
    public TestConfig configure(TestConfig config) {
        return config.and(DatabaseStoreFactory.JDBC_URL, jdbcUrl()).and(DatabaseStoreFactory.JDBC_USER, "sa")
                .and(DatabaseStoreFactory.ENCRYPTION_KEY, encryptionKey);
    }

    /**
     * {@code config} with this database as its tenant store after a key rotation: a new key, and
     * the one {@link #configure} gives as the previous key.
     */
    public TestConfig configureRotated(TestConfig config) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return config.and(DatabaseStoreFactory.JDBC_URL, jdbcUrl()).and(DatabaseStoreFactory.JDBC_USER, "sa")
                .and(DatabaseStoreFactory.ENCRYPTION_KEY, Base64.getEncoder().encodeToString(key))
                .and(DatabaseStoreFactory.PREVIOUS_KEYS, encryptionKey);
    }

    /** A store of its own over this database, for what a test checks directly. */
    public TenantStore store() {
        return DatabaseStoreFactory.create(configure(TestConfig.with("tollgate.test", "store")).build(), ClientRef.client("test"));
    }

    /** Every byte of the database's files, as UTF-8 and as Latin-1, to scan for secrets. */
    public String everythingOnDisk() throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                byte[] bytes = Files.readAllBytes(file);
                all.append(new String(bytes, StandardCharsets.UTF_8)).append(new String(bytes, StandardCharsets.ISO_8859_1));
            }
        }
        return all.toString();
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        if (server != null) {
            server.stop();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
