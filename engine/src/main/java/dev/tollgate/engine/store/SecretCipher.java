package dev.tollgate.engine.store;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Protects a tenant's values with AES-256-GCM (the JDK's), a fresh random 12-byte nonce per value.
 * A secret value is encrypted; a value the provider does not mark secret stays readable and is only
 * authenticated (GCM over no plaintext, the value in the associated data). The associated data also
 * binds the kind (secret or clear), client, tenant and key name: a value altered, turned from secret
 * to clear, or copied to another row, tenant or key name no longer opens.
 */
final class SecretCipher {

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    /** Names the layout of the associated data, so that a later layout can never be confused with this one. */
    private static final byte[] FORMAT = "tollgate-tenant-value-1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SECRET = "secret".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CLEAR = "clear".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NOTHING = new byte[0];

    private final KeyRing keys;
    private final SecureRandom random = new SecureRandom();

    SecretCipher(KeyRing keys) {
        this.keys = keys;
    }

    /** True when {@code keyId} is the current key's or a previous key's. */
    boolean knows(String keyId) {
        return keys.byId(keyId).isPresent();
    }

    ProtectedValue protect(String client, String tenant, String keyName, String value, boolean secret) {
        StoreKey key = keys.current();
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        Base64.Encoder base64 = Base64.getEncoder();
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key.secretKey(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(client, tenant, keyName, secret, utf8));
            byte[] sealed = cipher.doFinal(secret ? utf8 : NOTHING);
            String nonceText = base64.encodeToString(nonce);
            return secret ? new ProtectedValue(true, key.id(), nonceText, base64.encodeToString(sealed), null)
                    : new ProtectedValue(false, key.id(), nonceText, value, base64.encodeToString(sealed));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JDK", e);
        }
    }

    /**
     * @return the value, decrypted when it is secret
     * @throws UnreadableValueException when no configured key has the value's key id, or the value,
     *         its nonce, its kind or its place (client, tenant, key name) is not the one it was protected with
     */
    String reveal(String client, String tenant, String keyName, ProtectedValue stored) throws UnreadableValueException {
        StoreKey key = keys.byId(stored.keyId()).orElseThrow(() -> new UnreadableValueException("it is protected with key id "
                + stored.keyId() + ", which is neither tollgate.store.encryption-key nor one of tollgate.store.previous-keys"));
        byte[] nonce = base64(stored.nonce());
        byte[] sealed = base64(stored.secret() ? stored.text() : stored.tag());
        if (nonce.length != NONCE_BYTES) {
            throw new UnreadableValueException("its nonce is not " + NONCE_BYTES + " bytes: the row was altered outside Tollgate");
        }
        byte[] clearUtf8 = stored.secret() ? NOTHING : stored.text().getBytes(StandardCharsets.UTF_8);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key.secretKey(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(client, tenant, keyName, stored.secret(), clearUtf8));
            byte[] opened = cipher.doFinal(sealed);
            return stored.secret() ? new String(opened, StandardCharsets.UTF_8) : stored.text();
        } catch (AEADBadTagException e) {
            throw new UnreadableValueException("it does not authenticate: the row was altered outside Tollgate, or copied from another tenant or key");
        } catch (GeneralSecurityException e) {
            throw new UnreadableValueException("it does not decrypt (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static byte[] base64(String text) throws UnreadableValueException {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new UnreadableValueException("its nonce, ciphertext or tag is missing or not base64: the row was altered outside Tollgate");
        }
    }

    /**
     * Each part preceded by its length, so that no two different rows give the same bytes. A secret's
     * value is the plaintext, never associated data: its part is empty.
     */
    static byte[] associatedData(String client, String tenant, String keyName, boolean secret, byte[] clearValue) {
        return LengthPrefixed.join(FORMAT, secret ? SECRET : CLEAR, client.getBytes(StandardCharsets.UTF_8),
                tenant.getBytes(StandardCharsets.UTF_8), keyName.getBytes(StandardCharsets.UTF_8), secret ? NOTHING : clearValue);
    }

    /** A stored value that cannot be opened; the message says why, never what the value is. */
    static final class UnreadableValueException extends Exception {
        private static final long serialVersionUID = 1L;

        UnreadableValueException(String why) {
            super(why, null, false, false);
        }
    }
}
