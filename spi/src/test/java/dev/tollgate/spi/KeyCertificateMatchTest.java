package dev.tollgate.spi;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import org.junit.jupiter.api.Test;

/** A private key matches its own public key only, for each type TLS and JWS sign with. */
class KeyCertificateMatchTest {

    private static KeyPair pair(String algorithm) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
        if (algorithm.equals("EC")) {
            generator.initialize(new ECGenParameterSpec("secp256r1"));
        } else if (algorithm.startsWith("RSA")) {
            generator.initialize(2048);
        }
        return generator.generateKeyPair();
    }

    @Test
    void eachKeyMatchesItsOwnPublicKeyAndNoOther() throws GeneralSecurityException {
        for (String algorithm : new String[] {"RSA", "RSASSA-PSS", "EC", "Ed25519"}) {
            KeyPair one = pair(algorithm);
            KeyPair other = pair(algorithm);
            assertTrue(KeyCertificateMatch.matches(one.getPrivate(), one.getPublic()), algorithm);
            assertFalse(KeyCertificateMatch.matches(one.getPrivate(), other.getPublic()), algorithm);
        }
    }

    @Test
    void aPublicKeyOfAnotherTypeDoesNotMatch() throws GeneralSecurityException {
        KeyPair rsa = pair("RSA");
        KeyPair ec = pair("EC");
        KeyPairGenerator curve384 = KeyPairGenerator.getInstance("EC");
        curve384.initialize(new ECGenParameterSpec("secp384r1"));
        KeyPair p384 = curve384.generateKeyPair();
        assertFalse(KeyCertificateMatch.matches(rsa.getPrivate(), ec.getPublic()));
        assertFalse(KeyCertificateMatch.matches(ec.getPrivate(), rsa.getPublic()));
        assertFalse(KeyCertificateMatch.matches(ec.getPrivate(), p384.getPublic()));
    }
}
