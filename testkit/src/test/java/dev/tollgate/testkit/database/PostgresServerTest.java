package dev.tollgate.testkit.database;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The throwaway PostgreSQL server: what it says when it cannot start, and that it leaves nothing behind. */
class PostgresServerTest {

    @TempDir
    Path directory;

    @Test
    void withoutTheServerBinariesItSaysHowToInstallThem() throws IOException {
        Files.createDirectories(directory.resolve("15/bin"));
        for (Path installations : new Path[] {directory, directory.resolve("missing")}) {
            IllegalStateException missing = assertThrows(IllegalStateException.class, () -> PostgresServer.binaries(installations));
            assertTrue(missing.getMessage().contains("run tools/ensure-postgresql.sh"), missing.getMessage());
        }
    }

    @Test
    void aClosedServerNoLongerListensAndItsFilesAreGone() throws IOException {
        PostgresServer server = PostgresServer.start();
        Path data = server.dataDirectory();
        assertTrue(Files.isDirectory(data));
        try (Socket open = new Socket()) {
            open.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
        }

        server.close();

        assertFalse(Files.exists(data.getParent()), "the cluster's directory is removed");
        try (Socket closed = new Socket()) {
            assertThrows(ConnectException.class, () -> closed.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000));
        }
    }
}
