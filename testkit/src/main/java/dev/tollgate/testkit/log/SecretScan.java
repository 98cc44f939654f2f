package dev.tollgate.testkit.log;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Finds secrets in captured text. A finding names the line and a masked form of the secret. */
public final class SecretScan {

    private SecretScan() {
    }

    public record Finding(int line, String maskedSecret) {
    }

    public static List<Finding> scan(Path file, Collection<String> secrets) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        return scan(lines, secrets);
    }

    public static List<Finding> scan(List<String> lines, Collection<String> secrets) {
        List<Finding> findings = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            for (String secret : secrets) {
                if (!secret.isEmpty() && line.contains(secret)) {
                    findings.add(new Finding(i + 1, mask(secret)));
                }
            }
        }
        return findings;
    }

    /** True when {@code text} holds any of the secrets: for exception messages and toString(). */
    public static boolean containsAny(String text, Collection<String> secrets) {
        return text != null && secrets.stream().anyMatch(s -> !s.isEmpty() && text.contains(s));
    }

    private static String mask(String secret) {
        return secret.length() <= 8 ? "****" : secret.substring(0, 4) + "…";
    }
}
