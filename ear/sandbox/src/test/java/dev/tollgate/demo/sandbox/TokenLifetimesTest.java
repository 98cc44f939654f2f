package dev.tollgate.demo.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The sandbox's token lifetimes: the vendors' own, every one shortened (tests), or the billing client's only (the demo). */
class TokenLifetimesTest {

    @Test
    void unsetTheVendorsLifetimesApply() {
        TokenLifetimes lifetimes = TokenLifetimes.from(config(Map.of()));
        assertTrue(lifetimes.all().isEmpty());
        assertTrue(lifetimes.billing().isEmpty());
    }

    @Test
    void theDemosKeyShortensTheBillingClientsTokensOnly() {
        TokenLifetimes lifetimes = TokenLifetimes.from(config(Map.of("sandbox.billing.token-lifetime", "PT30S")));
        assertEquals(Optional.of(Duration.ofSeconds(30)), lifetimes.billing());
        assertTrue(lifetimes.all().isEmpty(), "the other vendors' tokens were shortened too");
    }

    @Test
    void theTestsKeyShortensEveryTokenUnlessTheBillingClientHasItsOwn() {
        assertEquals(Optional.of(Duration.ofSeconds(6)),
                TokenLifetimes.from(config(Map.of("sandbox.token-lifetime", "PT6S"))).billing());
        TokenLifetimes both = TokenLifetimes.from(config(Map.of("sandbox.token-lifetime", "PT6S", "sandbox.billing.token-lifetime", "PT4S")));
        assertEquals(Optional.of(Duration.ofSeconds(6)), both.all());
        assertEquals(Optional.of(Duration.ofSeconds(4)), both.billing());
    }

    @Test
    void aValueThatIsNoPositiveDurationNamesTheKey() {
        for (String wrong : new String[] {"30s", "PT0S", "-PT5S"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> TokenLifetimes.from(config(Map.of("sandbox.billing.token-lifetime", wrong))));
            assertTrue(e.getMessage().contains("sandbox.billing.token-lifetime"), e.getMessage());
        }
    }

    private static java.util.function.Function<String, Optional<String>> config(Map<String, String> values) {
        return key -> Optional.ofNullable(values.get(key));
    }
}
