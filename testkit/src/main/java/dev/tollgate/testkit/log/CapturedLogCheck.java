package dev.tollgate.testkit.log;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the log that {@link CapturedTestLog} wrote during a module's unit tests and reports the
 * secrets found in it. Used by each module's {@code LogLeakIT}, which runs after the unit tests.
 */
public final class CapturedLogCheck {

    private CapturedLogCheck() {
    }

    /**
     * The findings for {@code secrets}; fails when the log is missing or lacks {@code expectedLine},
     * a line the code under test is known to log, since an empty capture would prove nothing.
     */
    public static List<SecretScan.Finding> scan(Collection<String> secrets, String expectedLine) throws IOException {
        Path log = Path.of(System.getProperty(CapturedTestLog.FILE_PROPERTY, "target/test-run.log"));
        if (!Files.isRegularFile(log)) {
            throw new AssertionError("no captured log at " + log + ": did the unit tests run?");
        }
        List<String> lines = Files.readAllLines(log);
        if (lines.stream().noneMatch(l -> l.contains(expectedLine))) {
            throw new AssertionError("the captured log holds no line with '" + expectedLine
                    + "', so scanning it would prove nothing");
        }
        // configured secrets in every spelling a request carries them in (clear, form-encoded,
        // JSON-escaped, inside a Basic header), and every token the simulators issued during the
        // run; SecretScan also finds any 8-character piece of each
        Set<String> all = new LinkedHashSet<>();
        secrets.forEach(s -> all.addAll(SecretSpellings.of(s)));
        List<String> issued = IssuedTokens.read();
        all.addAll(issued);
        List<SecretScan.Finding> findings = SecretScan.scan(lines, all);
        System.out.println("LogLeakIT: scanned " + lines.size() + " log lines for " + secrets.size()
                + " configured secrets and " + issued.size() + " issued tokens: " + findings.size() + " found");
        return findings;
    }
}
