package dev.tollgate.spi;

/**
 * Accepts only visible ASCII and the space in header values. That refuses CR, LF and every
 * other control character, and also non-ASCII characters such as U+010A, which some connectors
 * truncate to a single byte and so turn into a line break. Credentials are ASCII tokens;
 * nothing legitimate is lost.
 */
public final class HeaderSafety {

    private HeaderSafety() {
    }

    public static boolean isSafe(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }
}
