package dev.tollgate.testkit.log;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Every secret a test configured during a test run (through {@link dev.tollgate.testkit.config.TestConfig},
 * or named by the test itself), written to the file named by the system property
 * {@code tollgate.test.configured-secrets}, so that the one log-leak scan after the run looks for
 * exactly what the module's tests used, without a list per module to keep up to date.
 * One Base64 line per secret: a secret may hold a line break.
 */
public final class ConfiguredSecrets {

    public static final String FILE_PROPERTY = "tollgate.test.configured-secrets";

    /** The last part of a key or variable that holds a secret: {@code api-token}, {@code client-secret}, {@code TAX_PROVIDER_PASSWORD}. */
    private static final Pattern SECRET_NAME = Pattern.compile("(?i)(^|[-_.])(token|secret|password|passphrase|key)$");

    /** Noted already in this JVM: a configuration built once per test notes its secrets once per run. */
    private static final Set<String> NOTED = ConcurrentHashMap.newKeySet();

    private ConfiguredSecrets() {
    }

    /** True for a configuration key or environment variable whose value is a secret. */
    public static boolean isSecretName(String keyOrVariable) {
        return SECRET_NAME.matcher(keyOrVariable).find();
    }

    /**
     * Notes a secret the test uses. Values shorter than {@link SecretScan#PIECE} characters are not
     * noted: they are probes of the code's checks ({@code x}, {@code abc\tdef}), and looked for
     * whole they would be found in every line. Does nothing outside a test run that asked for it.
     * Returns {@code secret}, so that a test names a secret it uses outside the configuration (a
     * candidate token, a shopper's password) where it writes it: {@code record("0000aaaa1111...")}.
     */
    public static String record(String secret) {
        String file = System.getProperty(FILE_PROPERTY);
        if (secret != null && secret.strip().length() >= SecretScan.PIECE && file != null && !file.isBlank()
                && NOTED.add(secret)) {
            append(Path.of(file), Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8)));
        }
        return secret;
    }

    /** The secrets noted so far in this run (an empty list when there is no file). */
    public static List<String> read() throws IOException {
        String file = System.getProperty(FILE_PROPERTY);
        if (file == null || !Files.isRegularFile(Path.of(file))) {
            return List.of();
        }
        return Files.readAllLines(Path.of(file), StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank())
                .map(l -> new String(Base64.getDecoder().decode(l), StandardCharsets.UTF_8)).distinct().toList();
    }

    private static synchronized void append(Path file, String line) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
