package dev.tollgate.demo.it;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The log of the server the tests run against (WildFly's or Payara's, found from the home
 * directory the server module passes), read from a mark on: what a request made the server log.
 */
public final class ServerLog {

    private final Path file;
    private final long mark;

    private ServerLog(Path file) {
        this.file = file;
        this.mark = size(file);
    }

    /** From now on; empty when the tests do not know where the server logs. */
    public static Optional<ServerLog> fromNow() {
        String wildfly = System.getProperty("jboss.home");
        String payara = System.getProperty("payara.home");
        Path file = wildfly != null ? Path.of(wildfly, "standalone", "log", "server.log")
                : payara != null ? Path.of(payara, "glassfish", "domains", "domain1", "logs", "server.log") : null;
        return file != null && Files.isRegularFile(file) ? Optional.of(new ServerLog(file)) : Optional.empty();
    }

    /** What was logged since the mark. */
    public String since() {
        try (RandomAccessFile log = new RandomAccessFile(file.toFile(), "r")) {
            long end = log.length();
            if (end <= mark) {
                return "";
            }
            byte[] added = new byte[(int) Math.min(end - mark, 8 * 1024 * 1024)];
            log.seek(mark);
            log.readFully(added);
            return new String(added, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }
}
