package dev.tollgate.demo.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The files an operator of the server under test reads, whole: its log since it was unpacked
 * (server.log and the files it was rotated to), and the configuration file server-config wrote
 * into (WildFly's standalone.xml, Payara's domain.xml). Found from the home directory the server
 * module passes, as {@link ServerLog} finds the log.
 */
record ServerFiles(Server server, Path log, Path configuration) {

    enum Server { WILDFLY, PAYARA }

    static ServerFiles ofServerUnderTest() {
        String wildfly = System.getProperty("jboss.home");
        if (wildfly != null) {
            return new ServerFiles(Server.WILDFLY, Path.of(wildfly, "standalone", "log", "server.log"),
                    Path.of(wildfly, "standalone", "configuration", "standalone.xml"));
        }
        String payara = System.getProperty("payara.home");
        if (payara != null) {
            Path domain = Path.of(payara, "glassfish", "domains", "domain1");
            return new ServerFiles(Server.PAYARA, domain.resolve("logs").resolve("server.log"),
                    domain.resolve("config").resolve("domain.xml"));
        }
        throw new IllegalStateException("neither jboss.home nor payara.home is set: which server is this?");
    }

    /** server.log and its rotated files (server.log.2026-12-05 in WildFly, server.log_2026-12-05T... in Payara). */
    String logText() {
        try (Stream<Path> files = Files.list(log.getParent())) {
            StringBuilder all = new StringBuilder();
            files.filter(f -> f.getFileName().toString().startsWith("server.log")).sorted().forEach(f -> all.append(read(f)));
            return all.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + log.getParent(), e);
        }
    }

    String configurationText() {
        return read(configuration);
    }

    private static String read(Path file) {
        try {
            // (a stray byte that is not UTF-8 becomes U+FFFD instead of failing the read)
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
