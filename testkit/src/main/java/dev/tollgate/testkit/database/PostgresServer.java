package dev.tollgate.testkit.database;

import dev.tollgate.testkit.log.ConfiguredSecrets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real, throwaway PostgreSQL server for tests: a new cluster (initdb) in a temporary directory,
 * started with pg_ctl on a free loopback port with password authentication, and removed when closed
 * or when the JVM exits. Uses the server binaries of Debian's {@code postgresql} package
 * ({@code /usr/lib/postgresql/<version>/bin}, installed by {@code tools/ensure-postgresql.sh}); as
 * root, runs them as the {@code postgres} user, since initdb refuses to run as root.
 *
 * <p>Needs a JDBC driver for PostgreSQL on the test class path for {@link #createDatabase()}.
 */
public final class PostgresServer implements AutoCloseable {

    private static final Path INSTALLATIONS = Path.of("/usr/lib/postgresql");
    private static final String SERVICE_USER = "postgres";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static final long COMMAND_TIMEOUT_SECONDS = 120;

    private final Path bin;
    private final Path directory;
    private final Path data;
    private final String user = "tollgate";
    private final String password;
    private final boolean asServiceUser;
    private final Thread onExit;
    private int port;
    private boolean running;

    private PostgresServer(Path bin, Path directory, String password) {
        this.bin = bin;
        this.directory = directory;
        this.data = directory.resolve("data");
        this.password = password;
        this.asServiceUser = "root".equals(System.getProperty("user.name"));
        this.onExit = new Thread(this::destroy, "postgres-server-cleanup");
    }

    /**
     * A new cluster, started.
     *
     * @throws IllegalStateException when the PostgreSQL server binaries are not installed, or the
     *         server does not start (with the end of its log)
     */
    public static PostgresServer start() {
        Path bin = binaries();
        try {
            Path directory = Files.createTempDirectory("tollgate-postgres-");
            String password = ConfiguredSecrets.record("pw" + HexFormat.of().formatHex(randomBytes(16)));
            PostgresServer server = new PostgresServer(bin, directory, password);
            Runtime.getRuntime().addShutdownHook(server.onExit);
            try {
                server.initialise();
                server.startServer();
            } catch (RuntimeException | IOException e) {
                server.close();
                throw e;
            }
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The newest installed version's bin directory. */
    static Path binaries() {
        return binaries(INSTALLATIONS);
    }

    static Path binaries(Path installations) {
        String missing = "PostgreSQL's server binaries (initdb, pg_ctl) are not installed under " + installations
                + "/<version>/bin: run tools/ensure-postgresql.sh (it installs Debian's postgresql package)";
        if (!Files.isDirectory(installations)) {
            throw new IllegalStateException(missing);
        }
        try (Stream<Path> versions = Files.list(installations)) {
            return versions.map(version -> version.resolve("bin"))
                    .filter(bin -> Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl")))
                    .max(Comparator.comparing(PostgresServer::versionNumber))
                    .orElseThrow(() -> new IllegalStateException(missing));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int versionNumber(Path bin) {
        String name = bin.getParent().getFileName().toString();
        return name.matches("\\d+") ? Integer.parseInt(name) : 0;
    }

    private void initialise() throws IOException {
        Path passwordFile = directory.resolve("password");
        Files.writeString(passwordFile, password + "\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
        handToServiceUser(directory);
        try {
            run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", user, "--pwfile=" + passwordFile,
                    "--auth=scram-sha-256", "-E", "UTF8", "--no-locale", "--no-sync", "--no-instructions"));
        } finally {
            Files.deleteIfExists(passwordFile);
        }
    }

    private void startServer() throws IOException {
        if (port != 0) {
            startOn(port); // a restart keeps its port: the tests' data sources point at it
            return;
        }
        // a port free when probed can be taken before the server binds it: then another one, a few times
        for (int attempt = 1; ; attempt++) {
            int candidate = freePort();
            try {
                startOn(candidate);
                port = candidate;
                return;
            } catch (IllegalStateException e) {
                if (attempt == 5 || !e.getMessage().contains("could not bind")) {
                    throw e;
                }
            }
        }
    }

    private void startOn(int candidate) {
        // fsync off: a throwaway cluster need not survive a power cut, and tests run faster
        String options = "-p " + candidate + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=" + directory
                + " -c fsync=off -c full_page_writes=off";
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", directory.resolve("server.log").toString(),
                "-o", options, "-w", "-t", "60", "start"));
        running = true;
    }

    /** Stops the server (fast shutdown), keeping its data: {@link #restart()} starts it again. */
    public void stop() {
        if (running) {
            running = false;
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w", "stop"));
        }
    }

    /** Starts a stopped server again, on the same port. */
    public void restart() {
        if (!running) {
            try {
                startServer();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Creates a new, empty database and returns its name. */
    public String createDatabase() {
        String name = "tollgate_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), user, password);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a database: " + e.getMessage(), e);
        }
        return name;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public int port() {
        return port;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** The cluster's files, for a test that reads what the server wrote to disk. */
    public Path dataDirectory() {
        return data;
    }

    @Override
    public void close() {
        destroy();
        try {
            Runtime.getRuntime().removeShutdownHook(onExit);
        } catch (IllegalStateException exiting) {
            // the hook is running or has run
        }
    }

    private synchronized void destroy() {
        try {
            if (running) {
                running = false;
                run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop"));
            }
        } catch (RuntimeException e) {
            System.err.println("PostgresServer: could not stop the server in " + directory + ": " + e.getMessage());
        }
        deleteTree(directory);
    }

    private void run(List<String> command) {
        List<String> full = new ArrayList<>();
        if (asServiceUser) {
            full.addAll(List.of("runuser", "-u", SERVICE_USER, "--"));
        }
        full.addAll(command);
        Path output = directory.resolve("command.log");
        try {
            Process process = new ProcessBuilder(full).directory(directory.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish in " + COMMAND_TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(Path.of(command.get(0)).getFileName() + " failed (exit " + process.exitValue() + "):\n"
                        + tail(output) + tail(directory.resolve("server.log")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        }
    }

    private static String tail(Path file) {
        try {
            if (!Files.exists(file)) {
                return "";
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size())) + "\n";
        } catch (IOException e) {
            return "(" + file + " unreadable: " + e.getMessage() + ")\n";
        }
    }

    /** As root, the postgres user must own the cluster's directory: initdb and the server run as that user. */
    private void handToServiceUser(Path path) throws IOException {
        if (!asServiceUser) {
            return;
        }
        UserPrincipalLookupService lookup = path.getFileSystem().getUserPrincipalLookupService();
        UserPrincipal owner = lookup.lookupPrincipalByName(SERVICE_USER);
        GroupPrincipal group = lookup.lookupPrincipalByGroupName(SERVICE_USER);
        try (Stream<Path> files = Files.walk(path)) {
            for (Path file : files.toList()) {
                PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
                view.setOwner(owner);
                view.setGroup(group);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try {
            if (Files.isDirectory(root) && !Files.isSymbolicLink(root)) {
                try (DirectoryStream<Path> children = Files.newDirectoryStream(root)) {
                    for (Path child : children) {
                        deleteTree(child);
                    }
                }
            }
            Files.deleteIfExists(root);
        } catch (IOException e) {
            System.err.println("PostgresServer: could not delete " + root + ": " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "PostgresServer[127.0.0.1:" + port + ", " + directory + "]";
    }
}
