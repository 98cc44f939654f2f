package dev.tollgate.engine.store;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * One AES-256 key of the tenant store and its id. The id is stored next to every value the key
 * encrypted, so that after a rotation the previous key that can read a row is found at once.
 */
final class StoreKey {

    static final int LENGTH_BYTES = 32;

    private final SecretKey key;
    private final String id;

    private StoreKey(byte[] bytes) {
        this.key = new SecretKeySpec(bytes, "AES");
        this.id = fingerprint(key);
    }

    /** @throws IllegalArgumentException when {@code bytes} is not exactly 32 bytes long (the message holds no byte) */
    static StoreKey of(byte[] bytes) {
        if (bytes.length != LENGTH_BYTES) {
            throw new IllegalArgumentException("is " + bytes.length + " bytes long, not " + LENGTH_BYTES);
        }
        return new StoreKey(bytes.clone());
    }

    SecretKey secretKey() {
        return key;
    }

    /** 16 hex digits. */
    String id() {
        return id;
    }

    /**
     * A MAC of a fixed label under the key rather than a plain hash of it: the id names the key
     * without being a value computed from the key alone that anyone could test guesses against.
     */
    private static String fingerprint(SecretKey key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
            byte[] tag = mac.doFinal("tollgate tenant store key id".getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(tag, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no HmacSHA256", e);
        }
    }

    @Override
    public String toString() {
        return "StoreKey[" + id + "]";
    }
}
