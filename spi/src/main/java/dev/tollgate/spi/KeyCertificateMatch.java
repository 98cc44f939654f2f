package dev.tollgate.spi;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.RSAKey;

/**
 * Whether a certificate is the private key's own. Neither a PKCS#12 or JKS store (whose API takes
 * any chain with any key) nor a PEM file (its blocks in any order) guarantees it; a wrong pair is
 * only found by the server, which refuses the handshake or the signature as if it were down.
 */
final class KeyCertificateMatch {

    private static final SecureRandom RANDOM = new SecureRandom();

    private KeyCertificateMatch() {
    }

    /** True when {@code certified} is the public half of {@code key}, or when the key's type gives no way to tell. */
    static boolean matches(PrivateKey key, PublicKey certified) {
        if (key instanceof RSAKey rsa) {
            // RSA and RSASSA-PSS keys: the modulus is the public key's, no signature parameters to get wrong
            return certified instanceof RSAKey other && rsa.getModulus().equals(other.getModulus());
        }
        if (key instanceof ECPrivateKey) {
            return signsFor(key, certified, "SHA256withECDSA");
        }
        if (key instanceof EdECPrivateKey) {
            return signsFor(key, certified, "EdDSA");
        }
        return true; // a type TLS and JWS do not sign with: left to what uses it
    }

    /** The EC point is not derived from the scalar with the JDK's public API: a signature tells. */
    private static boolean signsFor(PrivateKey key, PublicKey certified, String algorithm) {
        byte[] challenge = new byte[32];
        RANDOM.nextBytes(challenge);
        byte[] signature;
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            signature = signer.sign();
        } catch (GeneralSecurityException e) {
            return true; // a key this JDK cannot sign with (a curve it lacks): not a mismatch, and left to what uses it
        }
        try {
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certified);
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false; // another type of key (an RSA certificate with an EC key), or another curve
        }
    }
}
