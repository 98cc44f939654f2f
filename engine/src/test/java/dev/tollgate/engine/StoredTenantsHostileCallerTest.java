package dev.tollgate.engine;

import static dev.tollgate.testkit.simulator.taxjar.TaxJarFixture.ACME_SANDBOX_TOKEN;
import static dev.tollgate.testkit.simulator.taxjar.TaxJarFixture.GLOBEX_SANDBOX_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.InvalidTenantValuesException;
import dev.tollgate.api.Tollgate;
import dev.tollgate.api.TenantCredentials;
import dev.tollgate.engine.fake.StoredBearerProvider;
import dev.tollgate.engine.testing.EngineHarness;
import dev.tollgate.engine.testing.StoreHarness;
import dev.tollgate.engine.testing.TaxJarLoopback;
import dev.tollgate.testkit.log.ConfiguredSecrets;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.core.Response;
import java.util.AbstractMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What an application passing save() values it keeps changing (a map shared with another thread,
 * a map of its own making) can and cannot get stored.
 */
class StoredTenantsHostileCallerTest {

    @RegisterExtension
    final EngineHarness harness = new EngineHarness();
    @RegisterExtension
    final StoreHarness stores = new StoreHarness();
    private final TaxJarLoopback taxjar = harness.taxjar();

    private TollgateEngine engine() {
        TollgateEngine engine = TollgateEngine.builder()
                .config(stores.configure(taxjar.config(StoredBearerProvider.ID).and("tollgate.taxjar.tenant-store", "database")).build())
                .clock(harness.clock).sleeper(harness.sleeper).build();
        harness.closeAfter(engine::close);
        return engine;
    }

    /**
     * Another thread puts a different token into the map while the vendor is verifying the first one
     * (here: as soon as the vendor has been asked). What is stored is what was checked and verified,
     * never a value nobody verified.
     */
    @Test
    void valuesChangedWhileTheVendorVerifiesThemAreNotWhatIsStored() {
        TollgateEngine engine = engine();
        TenantCredentials tenants = engine.tenants().client("taxjar");
        ConfiguredSecrets.record(ACME_SANDBOX_TOKEN);
        ConfiguredSecrets.record(GLOBEX_SANDBOX_TOKEN);
        Map<String, String> changing = new ChangedOnceTheVendorIsAsked(Map.of("api-token", ACME_SANDBOX_TOKEN),
                Map.of("api-token", GLOBEX_SANDBOX_TOKEN));

        tenants.save("acme", changing);

        Client client = harness.client(engine, TaxJarLoopback.CLIENT);
        try (Response response = client.target(taxjar.sandboxUrl()).path("categories").request()
                .property(Tollgate.TENANT_PROPERTY, "acme").get()) {
            assertEquals(200, response.getStatus());
        }
        assertEquals("Bearer " + ACME_SANDBOX_TOKEN, taxjar.journal().last().header("Authorization").orElse("none"),
                "the token the vendor verified, not the one put in the map afterwards");
    }

    /**
     * A label cut in the middle of an emoji (half of a surrogate pair) is not text: the database
     * and UTF-8 turn it into something else, so what would be stored is not what was saved. It is
     * refused like any other malformed value, and nothing is stored.
     */
    @Test
    void aValueWithHalfASurrogatePairIsRefusedRatherThanStoredAltered() {
        TollgateEngine engine = engine();
        TenantCredentials tenants = engine.tenants().client("taxjar");
        ConfiguredSecrets.record(ACME_SANDBOX_TOKEN);
        String cutEmoji = "Acme \uD83D";

        InvalidTenantValuesException e = assertThrows(InvalidTenantValuesException.class,
                () -> tenants.saveUnverified("acme", Map.of("api-token", ACME_SANDBOX_TOKEN, "label", cutEmoji)));

        assertEquals(List.of("'label' is not valid Unicode text (half of a surrogate pair)"), e.problems());
        assertEquals(Set.of(), tenants.list(), "nothing was stored");
        tenants.saveUnverified("acme", Map.of("api-token", ACME_SANDBOX_TOKEN, "label", "Acme \uD83D\uDE00"));
        assertEquals("Acme \uD83D\uDE00", tenants.masked("acme").get("label"), "a whole pair is text like any other");
    }

    /**
     * Map.of(token, "api-token") instead of Map.of("api-token", token): the token is where the key
     * belongs. A token made of words and dashes (sk-live-..., as many vendors shape them) reads
     * like a key, yet the refusal names only a near miss of a real key, never the pasted text.
     */
    @Test
    void aDashedTokenPassedAsTheKeyIsNotQuotedInTheRefusal() {
        TenantCredentials tenants = engine().tenants().client("taxjar");
        String dashed = ConfiguredSecrets.record("sk-live-" + ACME_SANDBOX_TOKEN.substring(0, 24));

        InvalidTenantValuesException e = assertThrows(InvalidTenantValuesException.class,
                () -> tenants.saveUnverified("acme", Map.of(dashed, "api-token", "api-tokn", "x")));

        assertFalse(e.getMessage().contains(dashed) || e.problems().toString().contains(dashed), e.problems().toString());
        assertTrue(e.problems().contains("'api-tokn' is not a key this client's tenants hold"), "a typo is still named: " + e.problems());
        assertTrue(e.problems().contains("a key that is not one this client's tenants hold (not shown: it may be a value)"),
                e.problems().toString());
    }

    /**
     * A key name of a few hundred kilobytes made of words and dashes (a file's content read into the
     * key by mistake): refused like any unknown key, in a few words, rather than failing with an
     * error of the JVM's stack while deciding whether it reads as a typo.
     */
    @Test
    void aHugeDashedKeyNameIsRefusedAsAnUnknownKey() {
        TenantCredentials tenants = engine().tenants().client("taxjar");
        String huge = "a" + "-a".repeat(100_000);

        InvalidTenantValuesException e = assertThrows(InvalidTenantValuesException.class,
                () -> tenants.saveUnverified("acme", Map.of(huge, ACME_SANDBOX_TOKEN)));

        assertTrue(e.problems().contains("a key that is not one this client's tenants hold (not shown: it may be a value)"),
                e.problems().toString());
        assertEquals(Set.of(), tenants.list(), "nothing was stored");
    }

    /** A map whose entries are {@code before} until the vendor received a request, then {@code after}. */
    private final class ChangedOnceTheVendorIsAsked extends AbstractMap<String, String> {
        private final Map<String, String> before;
        private final Map<String, String> after;
        private final int requestsBefore = taxjar.journal().count();

        ChangedOnceTheVendorIsAsked(Map<String, String> before, Map<String, String> after) {
            this.before = before;
            this.after = after;
        }

        @Override
        public Set<Entry<String, String>> entrySet() {
            return (taxjar.journal().count() > requestsBefore ? after : before).entrySet();
        }
    }
}
