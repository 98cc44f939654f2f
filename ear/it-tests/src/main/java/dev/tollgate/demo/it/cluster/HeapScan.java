package dev.tollgate.demo.it.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds secrets in the bytes of a file (a heap dump, a log): each value as UTF-8 (also how a
 * Latin-1 Java string of ASCII is stored) and as UTF-16 in both byte orders (a Java string that
 * holds other characters, and a char[]). One pass over the file, any size.
 */
final class HeapScan {

    private record Pattern(String name, byte[] bytes) {
    }

    private HeapScan() {
    }

    /**
     * The names of the values found in {@code file}, each at most once.
     *
     * @param values what to look for, by a name that says what it is without repeating it
     */
    static Set<String> find(Path file, java.util.Map<String, String> values) throws IOException {
        List<Pattern> patterns = new ArrayList<>();
        for (var value : values.entrySet()) {
            for (Charset charset : List.of(StandardCharsets.UTF_8, StandardCharsets.UTF_16BE, StandardCharsets.UTF_16LE)) {
                patterns.add(new Pattern(value.getKey(), value.getValue().getBytes(charset)));
            }
        }
        // candidates by their first two bytes: each position of the file costs one table look-up
        @SuppressWarnings("unchecked")
        List<Pattern>[] byPrefix = new List[65536];
        int longest = 0;
        for (Pattern p : patterns) {
            if (p.bytes().length < 8) {
                throw new IllegalArgumentException("a value to find is at least 8 bytes: " + p.name());
            }
            int prefix = ((p.bytes()[0] & 0xff) << 8) | (p.bytes()[1] & 0xff);
            if (byPrefix[prefix] == null) {
                byPrefix[prefix] = new ArrayList<>();
            }
            byPrefix[prefix].add(p);
            longest = Math.max(longest, p.bytes().length);
        }
        Set<String> found = new LinkedHashSet<>();
        byte[] buffer = new byte[8 * 1024 * 1024 + longest];
        int kept = 0;
        try (InputStream in = Files.newInputStream(file)) {
            while (true) {
                int read = in.readNBytes(buffer, kept, buffer.length - kept);
                int end = kept + read;
                boolean last = read == 0 || end < buffer.length;
                // a match may start anywhere before the last (longest - 1) bytes unless this is the end
                int scanEnd = last ? end - 1 : end - longest + 1;
                for (int i = 0; i < scanEnd; i++) {
                    List<Pattern> candidates = byPrefix[((buffer[i] & 0xff) << 8) | (buffer[i + 1] & 0xff)];
                    if (candidates != null) {
                        for (Pattern p : candidates) {
                            if (matches(buffer, i, end, p.bytes())) {
                                found.add(p.name());
                            }
                        }
                    }
                }
                if (last) {
                    return found;
                }
                kept = end - Math.max(scanEnd, 0);
                System.arraycopy(buffer, end - kept, buffer, 0, kept);
            }
        }
    }

    static Set<String> find(Collection<Path> files, java.util.Map<String, String> values) throws IOException {
        Set<String> found = new LinkedHashSet<>();
        for (Path file : files) {
            for (String name : find(file, values)) {
                found.add(name + " in " + file.getFileName());
            }
        }
        return found;
    }

    private static boolean matches(byte[] buffer, int at, int end, byte[] pattern) {
        if (at + pattern.length > end) {
            return false;
        }
        for (int j = 2; j < pattern.length; j++) {
            if (buffer[at + j] != pattern[j]) {
                return false;
            }
        }
        return true;
    }
}
