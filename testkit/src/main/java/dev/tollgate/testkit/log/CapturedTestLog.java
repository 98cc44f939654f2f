package dev.tollgate.testkit.log;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.ConsoleHandler;
import java.util.logging.FileHandler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * A {@code java.util.logging.config.class}: sends everything Tollgate and Jersey log during a test
 * run, down to FINEST, to the file named by the system property {@code tollgate.test.log}, so
 * that a later check can scan the whole run's log for secrets. Logging is verbose on purpose:
 * a leak that only shows at debug level is still a leak.
 */
public final class CapturedTestLog {

    /** The system property that names the capture file. */
    public static final String FILE_PROPERTY = "tollgate.test.log";

    // held strongly: java.util.logging forgets the level of a logger nobody references
    private static final Logger TOLLGATE = Logger.getLogger("dev.tollgate");
    private static final Logger JERSEY = Logger.getLogger("org.glassfish.jersey");

    public CapturedTestLog() throws IOException {
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        root.setLevel(Level.INFO);

        ConsoleHandler console = new ConsoleHandler();
        console.setLevel(Level.SEVERE); // the file has everything; keep the build output readable
        root.addHandler(console);

        String file = System.getProperty(FILE_PROPERTY);
        if (file != null && !file.isBlank()) {
            Path path = Path.of(file);
            Files.createDirectories(path.toAbsolutePath().getParent());
            // a fresh file per run: a stale log from an earlier build must not satisfy a later check
            FileHandler capture = new FileHandler(path.toString(), false);
            capture.setLevel(Level.ALL);
            capture.setFormatter(new SimpleFormatter());
            root.addHandler(capture);
        }
        String issued = System.getProperty(IssuedTokens.FILE_PROPERTY);
        if (issued != null && !issued.isBlank()) {
            Files.deleteIfExists(Path.of(issued)); // this run's tokens only, like the log
        }
        String configured = System.getProperty(ConfiguredSecrets.FILE_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            Files.deleteIfExists(Path.of(configured));
        }
        TOLLGATE.setLevel(Level.ALL);
        JERSEY.setLevel(Level.FINE);
    }
}
