package dev.tollgate.spi;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets from a vendor's explanation before it reaches a message or a log. A server
 * may echo what it was sent, so every spelling a request carries a secret in is looked for:
 * clear, form- or URL-encoded (upper- or lower-case hex) and JSON-escaped; a Basic header's value
 * is a secret of its own ({@link Secret#basic}). Any 8-character piece of a spelling
 * is removed too, so a secret the server cut short (or dropped the Base64 padding of), or that a
 * later cut would split, leaves nothing recognisable behind.
 */
public final class Redaction {

    /** The shortest piece of a secret that is removed; a shorter secret is removed only whole. */
    static final int PIECE = 8;
    static final String MARK = "****";

    private static final Pattern PERCENT_HEX = Pattern.compile("%[0-9A-F]{2}");

    private Redaction() {
    }

    /** {@code text} without any spelling, or piece of one, of the given secrets (nulls ignored). */
    public static String redact(String text, Secret... secrets) {
        if (text == null || text.isEmpty() || secrets == null) {
            return text;
        }
        Set<String> spellings = new LinkedHashSet<>();
        for (Secret secret : secrets) {
            if (secret != null && !secret.reveal().isEmpty()) {
                spellings.addAll(spellingsOf(secret.reveal()));
            }
        }
        return spellings.isEmpty() ? text : removed(text, spellings);
    }

    /** The ways a request may carry {@code value}, and so the ways an echo may hold it. */
    static Set<String> spellingsOf(String value) {
        Set<String> spellings = new LinkedHashSet<>();
        spellings.add(value);
        String form = URLEncoder.encode(value, StandardCharsets.UTF_8);
        spellings.add(form);
        spellings.add(form.replace("+", "%20"));
        spellings.add(lowerCaseHex(form));
        String json = value.replace("\\", "\\\\").replace("\"", "\\\"");
        spellings.add(json);
        spellings.add(json.replace("/", "\\/"));
        spellings.remove("");
        return spellings;
    }

    /**
     * Marks every character covered by a whole short spelling or by a piece of a long one, then
     * replaces each run of marked characters with one {@link #MARK}.
     */
    private static String removed(String text, Set<String> spellings) {
        boolean[] secret = new boolean[text.length()];
        Set<String> pieces = new HashSet<>();
        List<String> shortOnes = new ArrayList<>();
        for (String spelling : spellings) {
            if (spelling.length() < PIECE) {
                shortOnes.add(spelling);
            } else {
                for (int i = 0; i + PIECE <= spelling.length(); i++) {
                    pieces.add(spelling.substring(i, i + PIECE));
                }
            }
        }
        for (int i = 0; i + PIECE <= text.length(); i++) {
            if (pieces.contains(text.substring(i, i + PIECE))) {
                Arrays.fill(secret, i, i + PIECE, true);
            }
        }
        for (String spelling : shortOnes) {
            for (int at = text.indexOf(spelling); at >= 0; at = text.indexOf(spelling, at + 1)) {
                Arrays.fill(secret, at, at + spelling.length(), true);
            }
        }
        StringBuilder clean = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            if (!secret[i]) {
                clean.append(text.charAt(i));
            } else if (i == 0 || !secret[i - 1]) {
                clean.append(MARK);
            }
        }
        return clean.toString();
    }

    private static String lowerCaseHex(String encoded) {
        Matcher m = PERCENT_HEX.matcher(encoded);
        StringBuilder lower = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(lower, m.group().toLowerCase(Locale.ROOT));
        }
        return m.appendTail(lower).toString();
    }
}
