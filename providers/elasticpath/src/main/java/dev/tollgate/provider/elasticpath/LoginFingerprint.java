package dev.tollgate.provider.elasticpath;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 of a shopper's login under a key made at random when the class loads: equal
 * logins give equal fingerprints within this JVM, and a fingerprint reveals nothing (no
 * dictionary attack on a password without the key, which never leaves memory).
 */
final class LoginFingerprint {

    private static final SecretKeySpec KEY;

    static {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        KEY = new SecretKeySpec(key, "HmacSHA256");
    }

    private LoginFingerprint() {
    }

    static String of(String... parts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(KEY);
            for (String part : parts) {
                // length-prefixed, so that ("ab", "c") and ("a", "bc") differ
                byte[] bytes = part == null ? new byte[0] : part.getBytes(StandardCharsets.UTF_8);
                mac.update((byte) (bytes.length >>> 24));
                mac.update((byte) (bytes.length >>> 16));
                mac.update((byte) (bytes.length >>> 8));
                mac.update((byte) bytes.length);
                mac.update(bytes);
            }
            return HexFormat.of().formatHex(mac.doFinal(), 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }
}
