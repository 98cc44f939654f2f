package dev.tollgate.demo.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What the build made for the client {@code signed} before the server was configured
 * (ear/it-tests/src/main/scripts/signing-key.sh): the settings file that gave the server the key
 * store's path and password, and the key's certificate, which the client registers with the
 * authorization server. The server module's failsafe configuration names both.
 */
final class SigningClient {

    static final String SETTINGS_PROPERTY = "tollgate.it.signing-settings";
    static final String CERTIFICATE_PROPERTY = "tollgate.it.signing-certificate";
    static final String PASSWORD_KEY = "tollgate.signed.signing-key-store-password";

    private SigningClient() {
    }

    /** The key store's password as the settings file gives it to the server's script. */
    static String keyStorePassword() {
        // read as server-config reads it: everything after the first '=', byte for byte (no
        // java.util.Properties escapes: the password holds a backslash)
        String prefix = PASSWORD_KEY + "=";
        return lines(SETTINGS_PROPERTY).stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length()))
                .reduce((first, last) -> last)
                .orElseThrow(() -> new IllegalStateException(System.getProperty(SETTINGS_PROPERTY) + " has no " + PASSWORD_KEY));
    }

    /** The client's certificate, PEM. */
    static String certificate() {
        return String.join("\n", lines(CERTIFICATE_PROPERTY)) + "\n";
    }

    private static List<String> lines(String property) {
        String file = System.getProperty(property);
        if (file == null || !Files.isRegularFile(Path.of(file))) {
            throw new IllegalStateException("set " + property + " to the file signing-key.sh made (found: " + file + ")");
        }
        try {
            return Files.readAllLines(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
