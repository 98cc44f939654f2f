package dev.tollgate.testkit.pki;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;

/**
 * Key pairs and X.509 v3 certificates made by tests (RFC 5280), with the JDK alone: a
 * self-signed certificate for a key, or one a test CA issues, valid for the interval a test
 * chooses (an expired one included). Signed SHA256withRSA for RSA issuers and SHA256withECDSA for
 * EC issuers.
 *
 * <pre>{@code
 * KeyPair key = TestCertificates.rsa(2048);
 * X509Certificate certificate = TestCertificates.selfSigned(key, "client-1");
 * }</pre>
 */
public final class TestCertificates {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TestCertificates() {
    }

    /** A new RSA key pair of {@code bits}. */
    public static KeyPair rsa(int bits) {
        return generate("RSA", g -> g.initialize(bits));
    }

    /** A new EC key pair on {@code curve} ({@code secp256r1} for ES256, {@code secp384r1}, ...). */
    public static KeyPair ec(String curve) {
        return generate("EC", g -> g.initialize(new ECGenParameterSpec(curve)));
    }

    /** A self-signed certificate for {@code key}, {@code CN=commonName}, valid from an hour ago for a year. */
    public static X509Certificate selfSigned(KeyPair key, String commonName) {
        Instant now = Instant.now();
        return selfSigned(key, commonName, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(365)));
    }

    /** A self-signed certificate valid from {@code notBefore} to {@code notAfter}. */
    public static X509Certificate selfSigned(KeyPair key, String commonName, Instant notBefore, Instant notAfter) {
        return issue(key.getPublic(), commonName, key.getPrivate(), commonName, notBefore, notAfter, false);
    }

    /** A certificate authority's self-signed certificate (basic constraints CA:true). */
    public static X509Certificate authority(KeyPair key, String commonName, Instant notBefore, Instant notAfter) {
        return issue(key.getPublic(), commonName, key.getPrivate(), commonName, notBefore, notAfter, true);
    }

    /** A certificate for {@code subject} issued by the CA {@code issuerKey} whose certificate is {@code issuer}. */
    public static X509Certificate issuedBy(PublicKey subject, String commonName, KeyPair issuerKey, X509Certificate issuer,
                                           Instant notBefore, Instant notAfter) {
        String issuerName = issuer.getSubjectX500Principal().getName().replaceFirst("^CN=", "");
        return issue(subject, commonName, issuerKey.getPrivate(), issuerName, notBefore, notAfter, false);
    }

    private static X509Certificate issue(PublicKey subject, String subjectName, PrivateKey issuerKey, String issuerName,
                                         Instant notBefore, Instant notAfter, boolean authority) {
        boolean rsa = issuerKey.getAlgorithm().equals("RSA");
        byte[] algorithm = rsa ? Der.sequence(Der.oid("1.2.840.113549.1.1.11"), Der.nullValue()) // sha256WithRSAEncryption
                : Der.sequence(Der.oid("1.2.840.10045.4.3.2")); // ecdsa-with-SHA256
        byte[] extensions = authority
                ? Der.explicit(3, Der.sequence(Der.sequence(Der.oid("2.5.29.19"), Der.bool(true), // basicConstraints, critical
                        Der.octetString(Der.sequence(Der.bool(true))))))
                : new byte[0];
        byte[] tbs = Der.sequence(
                Der.explicit(0, Der.integer(BigInteger.TWO)), // v3
                Der.integer(new BigInteger(64, RANDOM).add(BigInteger.ONE)),
                algorithm,
                name(issuerName),
                Der.sequence(Der.time(notBefore), Der.time(notAfter)),
                name(subjectName),
                subject.getEncoded(), // SubjectPublicKeyInfo as the JDK encodes it
                extensions);
        try {
            Signature signature = Signature.getInstance(rsa ? "SHA256withRSA" : "SHA256withECDSA");
            signature.initSign(issuerKey);
            signature.update(tbs);
            byte[] der = Der.sequence(tbs, algorithm, Der.bitString(signature.sign()));
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not make a test certificate", e);
        }
    }

    /** {@code CN=commonName}. */
    private static byte[] name(String commonName) {
        return Der.sequence(Der.set(Der.sequence(Der.oid("2.5.4.3"), Der.utf8String(commonName))));
    }

    private interface Init {
        void apply(KeyPairGenerator generator) throws GeneralSecurityException;
    }

    private static KeyPair generate(String algorithm, Init init) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            init.apply(generator);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not generate a test " + algorithm + " key", e);
        }
    }
}
