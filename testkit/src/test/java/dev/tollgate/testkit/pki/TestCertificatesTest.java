package dev.tollgate.testkit.pki;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.KeyPair;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertPathValidator;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The certificates are X.509 v3 as the JDK reads and validates them. */
class TestCertificatesTest {

    @Test
    void aSelfSignedCertificateVerifiesWithItsOwnKey() throws Exception {
        KeyPair rsa = TestCertificates.rsa(2048);
        X509Certificate certificate = TestCertificates.selfSigned(rsa, "client-1");

        certificate.verify(rsa.getPublic());
        assertEquals(3, certificate.getVersion());
        assertEquals("CN=client-1", certificate.getSubjectX500Principal().getName());
        assertEquals(certificate.getSubjectX500Principal(), certificate.getIssuerX500Principal());
        assertEquals(rsa.getPublic(), certificate.getPublicKey());
        assertEquals(-1, certificate.getBasicConstraints(), "not a CA");
    }

    @Test
    void itsValidityIsTheOneAskedForAnExpiredOneIncluded() {
        KeyPair ec = TestCertificates.ec("secp256r1");
        Instant notBefore = Instant.parse("2020-01-01T00:00:00Z");
        Instant notAfter = Instant.parse("2021-01-01T00:00:00Z");
        X509Certificate expired = TestCertificates.selfSigned(ec, "old", notBefore, notAfter);

        assertEquals(Date.from(notBefore), expired.getNotBefore());
        assertEquals(Date.from(notAfter), expired.getNotAfter());
        assertThrows(CertificateExpiredException.class, expired::checkValidity);
        // past 2049 the time is a GeneralizedTime
        X509Certificate distant = TestCertificates.selfSigned(ec, "far", notBefore, Instant.parse("2051-06-01T12:00:00Z"));
        assertEquals(Date.from(Instant.parse("2051-06-01T12:00:00Z")), distant.getNotAfter());
    }

    @Test
    void aCertificateIssuedByATestCaValidatesAgainstIt() throws Exception {
        KeyPair caKey = TestCertificates.ec("secp256r1");
        Instant now = Instant.now();
        X509Certificate ca = TestCertificates.authority(caKey, "Test CA", now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(1)));
        KeyPair leafKey = TestCertificates.rsa(2048);
        X509Certificate leaf = TestCertificates.issuedBy(leafKey.getPublic(), "client-2", caKey, ca,
                now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(1)));

        assertEquals(Integer.MAX_VALUE, ca.getBasicConstraints(), "a CA without a path length limit");
        assertEquals("CN=Test CA", leaf.getIssuerX500Principal().getName());
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
        parameters.setRevocationEnabled(false);
        var path = CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf));
        assertDoesNotThrow(() -> CertPathValidator.getInstance("PKIX").validate(path, parameters));
    }
}
