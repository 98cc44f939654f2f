package dev.tollgate.spi;

import java.util.regex.Pattern;

/**
 * Text a server sent (a vendor's error explanation, an authorization server's metadata) made fit
 * for a message or a log line.
 */
public final class UntrustedText {

    /**
     * Control characters (C0, DEL, C1: a terminal escape rewrites what an operator's terminal
     * shows), Unicode line and paragraph breaks (a log viewer breaking there shows a forged record),
     * format characters (a bidirectional override or an invisible character makes one name read as
     * another) and lone surrogates.
     */
    private static final Pattern UNPRINTABLE_RUNS = Pattern.compile("[\\p{Cc}\\p{Cf}\\p{Cs}\\p{Zl}\\p{Zp}]+");

    private UntrustedText() {
    }

    /** {@code text} on one line, each run of unprintable characters a space, stripped. */
    public static String oneLine(String text) {
        return UNPRINTABLE_RUNS.matcher(text).replaceAll(" ").strip();
    }

    /** {@code text} cut to {@code max} characters, with an ellipsis when cut. */
    public static String bounded(String text, int max) {
        return text.length() > max ? text.substring(0, max) + "…" : text;
    }
}
