package dev.tollgate.demo.shop;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.TenantCredentials;
import dev.tollgate.api.TenantDirectory;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the remove form tells when no merchant has the name it was sent (a hostile or stale form). */
class OnboardingRemoveTest {

    /** A store that holds no merchant: every remove finds nothing, as the engine answers for a name it cannot hold. */
    private static final TenantCredentials EMPTY = new TenantCredentials() {
        @Override public String client() { return Onboarding.CLIENT; }
        @Override public void save(String tenant, Map<String, String> values) { throw new UnsupportedOperationException(); }
        @Override public void saveUnverified(String tenant, Map<String, String> values) { throw new UnsupportedOperationException(); }
        @Override public boolean remove(String tenant) { return false; }
        @Override public Set<String> list() { return Set.of(); }
        @Override public Map<String, String> masked(String tenant) { return Map.of(); }
    };

    private final Onboarding onboarding = new Onboarding();

    OnboardingRemoveTest() {
        onboarding.directory = new TenantDirectory() {
            @Override public TenantCredentials client(String client) { return EMPTY; }
            @Override public int reencrypt() { return 0; }
        };
    }

    @Test
    void aNameNoMerchantCanHaveIsNotRepeatedWhateverWasSent() {
        // what a forged or tampered remove form may carry in place of a name: a pasted token, a megabyte
        String notAName = "sk live 0123456789abcdef0123456789abcdef " + "x".repeat(1_000_000);
        Flash flash = onboarding.remove(notAName);
        assertFalse(flash.ok());
        assertFalse(flash.headline().contains("0123456789abcdef"), "the submitted value is repeated");
        assertTrue(flash.headline().length() < 200, "the headline kept in the session is " + flash.headline().length() + " characters");
    }

    @Test
    void aValidNameNoMerchantHasIsRepeated() {
        Flash flash = onboarding.remove("acme-2");
        assertFalse(flash.ok());
        assertTrue(flash.headline().contains("acme-2"), flash.headline());
    }
}
