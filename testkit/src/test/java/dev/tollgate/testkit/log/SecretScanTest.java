package dev.tollgate.testkit.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SecretScanTest {

    @Test
    void findsAPlantedSecretAndReportsItMasked() {
        List<SecretScan.Finding> findings = SecretScan.scan(
                List.of("clean line", "Authorization: Bearer s3cr3t-token-value", "also clean"),
                List.of("s3cr3t-token-value", "never-there"));
        assertEquals(List.of(new SecretScan.Finding(2, "s3cr…")), findings);
        assertFalse(findings.get(0).toString().contains("s3cr3t-token-value"));
    }

    @Test
    void containsAnyChecksMessages() {
        assertTrue(SecretScan.containsAny("bad token abc123", List.of("abc123")));
        assertFalse(SecretScan.containsAny("no secret here", List.of("abc123")));
        assertFalse(SecretScan.containsAny(null, List.of("abc123")));
    }
}
