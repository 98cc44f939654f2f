package dev.tollgate.testkit.simulator.bigcommerce;

import dev.tollgate.testkit.log.IssuedTokens;
import java.security.SecureRandom;

/** Unguessable values the login service hands out (codes, access tokens), noted for the log scans. */
final class Opaque {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private Opaque() {
    }

    /** Lower-case letters and digits, as BigCommerce's codes and tokens look; 31 of them carry 160 bits. */
    static String issue(int length) {
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return IssuedTokens.record(new String(chars));
    }
}
