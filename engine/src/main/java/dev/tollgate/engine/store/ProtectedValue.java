package dev.tollgate.engine.store;

/**
 * One value as the database holds it, protected by the key {@code keyId} with AES-GCM and the
 * base64 {@code nonce}. A secret value's {@code text} is the base64 of its ciphertext and tag; a
 * value stored clear keeps its text readable and carries the base64 {@code tag} that authenticates
 * it, so that neither kind can be altered, turned into the other, or moved to another row.
 */
record ProtectedValue(boolean secret, String keyId, String nonce, String text, String tag) {

    @Override
    public String toString() {
        // a secret's text is ciphertext, but a clear value may still be private: neither is printed
        return "ProtectedValue[" + (secret ? "secret" : "clear") + ", key " + keyId + "]";
    }
}
