package dev.tollgate.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SecretTest {

    private static final String TOKEN = "a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6";

    @Test
    void toStringNeverShowsTheValue() {
        Secret secret = Secret.of(TOKEN);
        assertEquals("Secret[****]", secret.toString());
        assertEquals(TOKEN, secret.reveal());
    }

    @Test
    void maskedShowsTheLastFourOfALongValueAndNothingOfAShortOne() {
        assertEquals("****c5d6", Secret.of(TOKEN).masked());
        assertEquals("****", Secret.of("short-secret").masked());
    }

    @Test
    void credentialsShowOnlyMaskedValues() {
        Credential credential = Credential.expiring(Secret.of(TOKEN), Instant.parse("2026-01-01T00:00:00Z"))
                .withRefreshToken(Secret.of("refresh-" + TOKEN));
        String shown = credential.toString();
        assertFalse(shown.contains(TOKEN), shown);
        assertEquals("Credential[****c5d6, expires 2026-01-01T00:00:00Z, refreshable]", shown);
    }

    @Test
    void equalityIsByValue() {
        assertEquals(Secret.of(TOKEN), Secret.of(TOKEN));
        assertNotEquals(Secret.of(TOKEN), Secret.of(TOKEN + "x"));
    }

    @Test
    void isoExpiriesWithoutAZoneAreReadAsUtc() {
        assertEquals(Instant.parse("2024-09-15T12:28:18.789Z"), Expiry.iso("2024-09-15T12:28:18.789Z", "x"));
        assertEquals(Instant.parse("2024-09-15T12:28:18.789Z"), Expiry.iso("2024-09-15T12:28:18.789", "x"));
        assertEquals(TokenEndpointException.Kind.INVALID_RESPONSE,
                org.junit.jupiter.api.Assertions.assertThrows(TokenEndpointException.class, () -> Expiry.iso("tomorrow", "x")).kind());
    }
}
