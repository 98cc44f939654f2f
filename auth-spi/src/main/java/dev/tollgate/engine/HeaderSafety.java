package dev.tollgate.engine;

/**
 * Refuses header values that could split or smuggle a header: CR, LF and every other control
 * character. Credentials are ASCII tokens; nothing legitimate is lost.
 */
public final class HeaderSafety {

    private HeaderSafety() {
    }

    public static boolean isSafe(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return false;
            }
        }
        return true;
    }
}
