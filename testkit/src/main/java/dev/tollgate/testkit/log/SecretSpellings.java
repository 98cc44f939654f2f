package dev.tollgate.testkit.log;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The ways a secret travels in a request, and so may come back in an echoing error body:
 * clear, form-encoded, JSON-escaped, and inside a Basic header's Base64 of {@code id:secret}.
 * Written apart from the production redaction on purpose, so the leak checks do not share its
 * mistakes.
 */
public final class SecretSpellings {

    private SecretSpellings() {
    }

    public static Set<String> of(String secret) {
        Set<String> all = new LinkedHashSet<>();
        all.add(secret);
        all.add(URLEncoder.encode(secret, StandardCharsets.UTF_8));
        all.add(secret.replace("\\", "\\\\").replace("\"", "\\\""));
        all.add(secret.replace("\\", "\\\\").replace("\"", "\\\"").replace("/", "\\/"));
        all.addAll(base64Inside(secret));
        all.addAll(base64Inside(URLEncoder.encode(secret, StandardCharsets.UTF_8))); // RFC 6749 §2.3.1
        all.remove("");
        return all;
    }

    /**
     * What {@code secret} looks like inside the Base64 of a longer text ({@code id:secret}), for
     * each of the three byte offsets it may start at: the characters that depend on the secret's
     * bytes alone, without the first and last group of four, which mix in neighbouring bytes.
     */
    static Set<String> base64Inside(String secret) {
        Set<String> spellings = new LinkedHashSet<>();
        for (int offset = 0; offset < 3; offset++) {
            byte[] bytes = ("x".repeat(offset) + secret).getBytes(StandardCharsets.UTF_8);
            String encoded = Base64.getEncoder().withoutPadding().encodeToString(bytes);
            int from = offset == 0 ? 0 : 4;
            int to = encoded.length() - 4;
            if (to - from >= SecretScan.PIECE) {
                spellings.add(encoded.substring(from, to));
            }
        }
        return spellings;
    }
}
