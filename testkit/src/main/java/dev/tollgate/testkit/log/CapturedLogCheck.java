package dev.tollgate.testkit.log;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the log that {@link CapturedTestLog} wrote during a module's unit tests and reports the
 * secrets found in it. Used by the one {@code LogLeakIT} (in the engine's test harness), which
 * every module runs after its unit tests.
 */
public final class CapturedLogCheck {

    /**
     * The second line of a record {@link java.util.logging.SimpleFormatter} wrote at FINE or finer:
     * after a first line that names a Tollgate class, it proves the log was captured at the level
     * the scan needs (an empty or INFO-only capture would prove nothing).
     */
    private static final Pattern VERBOSE = Pattern.compile("^(FINE|FINER|FINEST): ");

    private CapturedLogCheck() {
    }

    /**
     * The findings in this module's captured log: every secret the fixtures hold
     * ({@link KnownSecrets}), every secret the tests configured ({@link ConfiguredSecrets}) and
     * every token the simulators issued ({@link IssuedTokens}) during the run.
     */
    public static List<SecretScan.Finding> scanWholeRun() throws IOException {
        Set<String> secrets = new LinkedHashSet<>(KnownSecrets.all());
        secrets.addAll(ConfiguredSecrets.read());
        return scan(secrets);
    }

    /** The findings for {@code secrets} and the issued tokens; fails when the log is missing or shows no obtained credential. */
    public static List<SecretScan.Finding> scan(Collection<String> secrets) throws IOException {
        Path log = Path.of(System.getProperty(CapturedTestLog.FILE_PROPERTY, "target/test-run.log"));
        if (!Files.isRegularFile(log)) {
            throw new AssertionError("no captured log at " + log + ": did the unit tests run?");
        }
        List<String> lines = Files.readAllLines(log);
        if (!capturedVerbosely(lines)) {
            throw new AssertionError("the captured log at " + log + " holds nothing Tollgate logged at FINE or finer,"
                    + " so scanning it would prove nothing");
        }
        // configured secrets in every spelling a request carries them in (clear, form-encoded,
        // JSON-escaped, inside a Basic header), and every token the simulators issued during the
        // run; SecretScan also finds any 8-character piece of each
        Set<String> all = new LinkedHashSet<>();
        secrets.forEach(s -> all.addAll(SecretSpellings.of(s)));
        List<String> issued = IssuedTokens.read();
        all.addAll(issued);
        List<SecretScan.Finding> findings = SecretScan.scan(lines, all);
        System.out.println("LogLeakIT: scanned " + lines.size() + " log lines of " + log + " for " + secrets.size()
                + " configured secrets and " + issued.size() + " issued tokens: " + findings.size() + " found");
        return findings;
    }

    private static boolean capturedVerbosely(List<String> lines) {
        for (int i = 0; i + 1 < lines.size(); i++) {
            if (lines.get(i).contains(" dev.tollgate.") && VERBOSE.matcher(lines.get(i + 1)).find()) {
                return true;
            }
        }
        return false;
    }
}
