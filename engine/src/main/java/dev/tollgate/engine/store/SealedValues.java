package dev.tollgate.engine.store;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.Config;

/**
 * Values sealed with the tenant store's key ({@code tollgate.store.encryption-key}) for places
 * other than the store's own table, such as the cluster tier's shared copies: AES-256-GCM, a fresh
 * 12-byte nonce per value, and associated data that says where the value belongs, so that a value
 * copied to another place does not open. Values sealed with a previous key
 * ({@code tollgate.store.previous-keys}) still open after a rotation.
 */
public final class SealedValues {

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final KeyRing keys;
    /** One per key this server knows, the current key's first. */
    private final List<byte[]> fingerprintKeys;
    private final SecureRandom random = new SecureRandom();

    private SealedValues(KeyRing keys) {
        this.keys = keys;
        this.fingerprintKeys = keys.all().stream().map(key -> hmac(key.secretKey().getEncoded(),
                "tollgate sealed-value fingerprints".getBytes(StandardCharsets.US_ASCII))).toList();
    }

    /** @throws IllegalArgumentException naming the key that is missing or malformed (never its value) */
    public static SealedValues fromConfig(Config config) {
        return new SealedValues(DatabaseStoreFactory.keyRing(config));
    }

    /** {@code plain} sealed for the place {@code associatedData} names: key id, nonce and ciphertext, in base64 joined by dots. */
    public String seal(byte[] associatedData, byte[] plain) {
        StoreKey key = keys.current();
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key.secretKey(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData);
            Base64.Encoder base64 = Base64.getEncoder().withoutPadding();
            return key.id() + "." + base64.encodeToString(nonce) + "." + base64.encodeToString(cipher.doFinal(plain));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JDK", e);
        }
    }

    /**
     * The plain bytes of {@code sealed}, or empty when it does not open: another key that this
     * server does not know, another place, or altered.
     */
    public Optional<byte[]> open(byte[] associatedData, String sealed) {
        String[] parts = sealed == null ? new String[0] : sealed.split("\\.", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        Optional<StoreKey> key = keys.byId(parts[0]);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        try {
            byte[] nonce = Base64.getDecoder().decode(parts[1]);
            if (nonce.length != NONCE_BYTES) {
                return Optional.empty();
            }
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key.get().secretKey(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData);
            return Optional.of(cipher.doFinal(Base64.getDecoder().decode(parts[2])));
        } catch (AEADBadTagException | IllegalArgumentException e) {
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    /**
     * Names for {@code value} that tell nothing about it to whoever lacks the keys (an HMAC under a
     * key derived from each store key this server knows, the current key's first): equal values,
     * equal names, on every node with that key. During a
     * rotation servers differ in their current key but share at least one key (the new one given
     * as a previous key first, or the old one kept as previous): names under every key meet there.
     */
    public List<String> fingerprints(String value) {
        byte[] plain = value.getBytes(StandardCharsets.UTF_8);
        return fingerprintKeys.stream().map(key -> HexFormat.of().formatHex(hmac(key, plain))).toList();
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no HmacSHA256", e);
        }
    }
}
