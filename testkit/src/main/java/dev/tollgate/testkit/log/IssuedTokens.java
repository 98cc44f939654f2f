package dev.tollgate.testkit.log;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Every token a simulator issues during a test run, written to the file named by the system
 * property {@code tollgate.test.issued-tokens}, so that the run's log can be scanned for tokens
 * nobody configured: access, refresh, customer and account tokens.
 */
public final class IssuedTokens {

    public static final String FILE_PROPERTY = "tollgate.test.issued-tokens";

    private IssuedTokens() {
    }

    /** Notes an issued token and returns it. Does nothing outside a test run that asked for it. */
    public static String record(String token) {
        String file = System.getProperty(FILE_PROPERTY);
        if (file != null && !file.isBlank()) {
            append(Path.of(file), token);
        }
        return token;
    }

    /** The tokens noted so far in this run (an empty list when there is no file). */
    public static List<String> read() throws IOException {
        String file = System.getProperty(FILE_PROPERTY);
        if (file == null || !Files.isRegularFile(Path.of(file))) {
            return List.of();
        }
        return Files.readAllLines(Path.of(file), StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
    }

    private static synchronized void append(Path file, String token) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, token + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
