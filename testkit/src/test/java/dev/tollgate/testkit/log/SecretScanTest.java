package dev.tollgate.testkit.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
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

    /** A password with one accented letter, cut short by a message: its pieces are a leak like any other's. */
    @Test
    void aPieceOfASecretWithACharacterBeyondAsciiIsALeakToo() {
        String secret = "Mot-de-passe-à-Zq81LmX4Ty-kP9";
        assertTrue(SecretScan.containsAny("cut: ...Zq81LmX4Ty-kP9", List.of(secret)));
        assertTrue(SecretScan.containsAny("cut: Mot-de-passe-à-Z...", List.of(secret)));
        assertTrue(SecretScan.containsAny("cut: sse-à-Zq...", List.of(secret)));
        assertFalse(SecretScan.containsAny("seven: se-à-Zq", List.of(secret)));
    }

    @Test
    void containsAnyChecksMessages() {
        assertTrue(SecretScan.containsAny("bad token abc123", List.of("abc123")));
        assertFalse(SecretScan.containsAny("no secret here", List.of("abc123")));
        assertFalse(SecretScan.containsAny(null, List.of("abc123")));
    }

    @Test
    void anyEightCharacterPieceOfASecretIsALeak() {
        String secret = "s9Dk3Lq7Mz1Xv5Bn8Wc2Rt6Yp0Hg4Jf7Ka3Ne9Ub5Io";
        // what a message cut after 300 characters kept of a secret that straddled the cut
        String cut = "invalid_client: " + "x".repeat(20) + secret.substring(0, 30) + "…";
        assertEquals(List.of(new SecretScan.Finding(1, "s9Dk…")), SecretScan.scan(List.of(cut), List.of(secret)));
        assertTrue(SecretScan.containsAny("tail: " + secret.substring(secret.length() - 8), List.of(secret)));
        assertFalse(SecretScan.containsAny("seven: " + secret.substring(10, 17), List.of(secret)));
    }

    @Test
    void aPieceThatReadsAsAWordIsNoEvidenceButTheRestOfTheSecretIs() {
        String password = "wrong-password-123";
        assertFalse(SecretScan.containsAny("Invalid email or password. Passwords expire.", List.of(password)));
        assertFalse(SecretScan.containsAny("A provider dev.tollgate.provider.Provider", List.of("tax-provider-pass-7Hq2")));
        assertTrue(SecretScan.containsAny("the -password ", List.of(password)));
        assertTrue(SecretScan.containsAny("key mTvQxKpL", List.of("a1-mTvQxKpL-b2")), "mixed case is no word");
        assertTrue(SecretScan.containsAny("a " + password + " b", List.of(password)), "whole, it is found");
    }

    @Test
    void shortSecretsCountOnlyWholeAndAccentedWordsAreWords() {
        assertTrue(SecretScan.containsAny("pin 1234567", List.of("1234567")));
        assertFalse(SecretScan.containsAny("pin 123456", List.of("1234567")));
        assertTrue(SecretScan.containsAny("p\u00e4ss: pässwörter-2026", List.of("pässwörter-2026")));
        assertFalse(SecretScan.containsAny("pässwört", List.of("pässwörter-2026")));
    }

    @Test
    void oneFindingPerSecretAndLineHoweverManyPiecesItHolds() {
        String secret = "correct-horse-battery-7";
        List<SecretScan.Finding> findings = SecretScan.scan(
                List.of(secret + " and again " + secret.substring(5), "clean"), List.of(secret, "other-secret-value"));
        assertEquals(List.of(new SecretScan.Finding(1, "corr…")), findings);
    }

    @Test
    void anEchoedBasicHeaderIsFoundWhateverTheLengthOfTheIdBeforeTheSecret() {
        String secret = "m3Kp9-Qw7Zr2+Lx5/Vn8Tb4=";
        for (String id : new String[] {"a", "ab", "abc", "client-0001"}) {
            String basic = Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
            assertTrue(SecretScan.containsAny("echo: Authorization: Basic " + basic, SecretSpellings.of(secret)), id);
            String postEncoded = Base64.getEncoder().encodeToString((id + ":" + URLEncoder.encode(secret,
                    StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
            assertTrue(SecretScan.containsAny("echo: Basic " + postEncoded, SecretSpellings.of(secret)), id);
        }
        assertTrue(SecretScan.containsAny("{\"echo\":\"ab\\\"cd\\\\ef-1234\"}", SecretSpellings.of("ab\"cd\\ef-1234")));
    }
}
