package dev.tollgate.testkit.log;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds secrets in captured text: a whole secret, or any {@value #PIECE}-character piece of one
 * (a secret cut in two by a truncated message is still a leak). A piece that reads as a word,
 * letters of one case with perhaps a capital first ({@code provider}, {@code Password}), is not
 * evidence on its own: logs are full of words, and word-based passwords share them. A finding
 * names the line and a masked form of the secret.
 */
public final class SecretScan {

    /** The shortest piece of a secret that counts as a leak; shorter secrets count only whole. */
    public static final int PIECE = 8;

    private SecretScan() {
    }

    public record Finding(int line, String maskedSecret) {
    }

    public static List<Finding> scan(Path file, Collection<String> secrets) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        return scan(lines, secrets);
    }

    public static List<Finding> scan(List<String> lines, Collection<String> secrets) {
        Pieces pieces = new Pieces(secrets);
        List<Finding> findings = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            for (String secret : pieces.foundIn(lines.get(i))) {
                findings.add(new Finding(i + 1, mask(secret)));
            }
        }
        return findings;
    }

    /** True when {@code text} holds any of the secrets, or a piece of one: for exception messages and toString(). */
    public static boolean containsAny(String text, Collection<String> secrets) {
        return text != null && !new Pieces(secrets).foundIn(text).isEmpty();
    }

    private static String mask(String secret) {
        return secret.length() <= 8 ? "****" : secret.substring(0, 4) + "…";
    }

    /**
     * Every {@value #PIECE}-character window of every secret, keyed by its characters packed into
     * a long (7 bits each: the scan runs over whole test logs, so no string per window). Secrets
     * shorter than a piece are looked for whole, and so are the few windows that hold a character
     * beyond ASCII.
     */
    private static final class Pieces {

        private final Map<Long, String> windows = new HashMap<>();
        private final Map<String, String> whole = new HashMap<>();

        Pieces(Collection<String> secrets) {
            for (String secret : secrets) {
                if (secret.isEmpty()) {
                    continue;
                }
                if (secret.length() < PIECE) {
                    whole.putIfAbsent(secret, secret);
                    continue;
                }
                for (int start = 0; start + PIECE <= secret.length(); start++) {
                    if (isWord(secret, start)) {
                        continue;
                    }
                    if (isAscii(secret.substring(start, start + PIECE))) {
                        windows.putIfAbsent(pack(secret, start), secret);
                    } else {
                        whole.putIfAbsent(secret.substring(start, start + PIECE), secret);
                    }
                }
            }
        }

        /** The secrets {@code text} holds whole or in part, each once, in the order found. */
        Set<String> foundIn(String text) {
            Set<String> found = new LinkedHashSet<>();
            whole.forEach((piece, secret) -> {
                if (text.contains(piece)) {
                    found.add(secret);
                }
            });
            if (windows.isEmpty()) {
                return found;
            }
            long key = 0;
            int run = 0; // ASCII characters in a row ending at i
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c > 0x7f) {
                    run = 0;
                    key = 0;
                    continue;
                }
                key = ((key << 7) | c) & MASK;
                if (++run >= PIECE) {
                    String secret = windows.get(key);
                    if (secret != null) {
                        found.add(secret);
                    }
                }
            }
            return found;
        }

        private static final long MASK = (1L << (7 * PIECE)) - 1;

        private static long pack(String s, int start) {
            long key = 0;
            for (int i = start; i < start + PIECE; i++) {
                key = (key << 7) | s.charAt(i);
            }
            return key;
        }

        /** Letters only (accented ones too), all of one case after the first: a word, not a piece of randomness. */
        private static boolean isWord(String s, int start) {
            boolean lower = false;
            boolean upper = false;
            for (int i = start; i < start + PIECE; i++) {
                char c = s.charAt(i);
                boolean first = i == start;
                if (Character.isLowerCase(c)) {
                    lower = true;
                } else if (Character.isUpperCase(c)) {
                    upper |= !first;
                } else {
                    return false;
                }
            }
            return !(lower && upper);
        }

        private static boolean isAscii(String s) {
            return s.chars().allMatch(c -> c <= 0x7f);
        }
    }
}
