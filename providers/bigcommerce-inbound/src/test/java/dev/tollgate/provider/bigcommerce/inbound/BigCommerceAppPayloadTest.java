package dev.tollgate.provider.bigcommerce.inbound;

import static dev.tollgate.provider.bigcommerce.inbound.AppSetup.CLIENT_ID;
import static dev.tollgate.provider.bigcommerce.inbound.AppSetup.NEW_STORE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.engine.TollgateEngine;
import dev.tollgate.engine.testing.EngineHarness;
import dev.tollgate.engine.testing.StoreHarness;
import dev.tollgate.testkit.log.SecretScan;
import dev.tollgate.testkit.simulator.bigcommerce.BigCommerceFixture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The load, uninstall and remove_user callbacks of stores that installed the app: a signed payload
 * for a stored store is accepted; one for another app, expired, tampered or replayed is refused
 * and changes nothing; an uninstall removes the store, and of a store in configuration only warns.
 */
class BigCommerceAppPayloadTest {

    private static final long USER_ID = 7_654_321L;
    private static final String USER_EMAIL = "clerk@n3wst0re.example.com";

    private final AppSetup setup = new AppSetup();
    @RegisterExtension
    final EngineHarness harness = setup.harness;
    @RegisterExtension
    final StoreHarness stores = setup.stores;

    private TollgateEngine installed() {
        TollgateEngine engine = setup.engine();
        setup.install(setup.app(engine), setup.merchantInstalls(NEW_STORE));
        return engine;
    }

    private String payload(String storeHash) {
        return setup.bc.signedPayload(CLIENT_ID, storeHash, USER_ID, USER_EMAIL);
    }

    @Test
    void aLoadOrRemoveUserForAStoredStoreIsVerifiedIntoItsTenantAndUser() {
        BigCommerceApp app = setup.app(installed());

        SignedPayload load = app.load(payload(NEW_STORE));
        SignedPayload removed = app.removeUser(payload(NEW_STORE));

        for (SignedPayload p : List.of(load, removed)) {
            assertEquals(NEW_STORE, p.storeHash());
            assertEquals(Optional.of("store-" + NEW_STORE), p.tenant());
            assertEquals(USER_ID, p.user().id());
            assertEquals(USER_EMAIL, p.user().email());
        }
    }

    @Test
    void aLoadForAStoreThatIsNotInstalledIsRefused() {
        BigCommerceApp app = setup.app(installed());

        JwtRejectedException e = assertThrows(JwtRejectedException.class, () -> app.load(payload("n0tinstalled")));

        assertTrue(e.getMessage().contains("no tenant of this client"), e.getMessage());
        assertThrows(JwtRejectedException.class, () -> app.removeUser(payload("n0tinstalled")));
    }

    /** Each callback, with a payload that must be refused: the store stays installed and its calls work. */
    private void assertRefusedEverywhere(TollgateEngine engine, Function<Void, String> payload) {
        BigCommerceApp app = setup.app(engine);
        for (Function<String, SignedPayload> callback : List.<Function<String, SignedPayload>>of(app::load, app::uninstall,
                app::removeUser)) {
            JwtRejectedException e = assertThrows(JwtRejectedException.class, () -> callback.apply(payload.apply(null)));
            assertFalse(SecretScan.containsAny(e.getMessage(), List.of(AppSetup.CLIENT_SECRET)), e.getMessage());
        }
        assertEquals(NEW_STORE, setup.stored(engine, NEW_STORE).get("store-hash"), "the store is still installed");
        assertEquals(200, setup.catalog(engine, NEW_STORE));
    }

    @Test
    void aPayloadSignedForAnotherAppIsRefused() {
        TollgateEngine engine = installed();
        setup.bc.registerApp("another-app-2Lp9", "anotherAppS3cret-0Qw8Er5Ty2Ui9Op4As", "https://other.example.com/auth");

        assertRefusedEverywhere(engine, none -> setup.bc.signedPayload("another-app-2Lp9", NEW_STORE, USER_ID, USER_EMAIL));
    }

    @Test
    void anExpiredPayloadIsRefused() {
        TollgateEngine engine = installed();
        List<String> signed = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            signed.add(payload(NEW_STORE));
        }
        harness.clock.advance(Duration.ofHours(24).plusMinutes(1)); // past the day BigCommerce gives them, and the leeway

        assertRefusedEverywhere(engine, none -> signed.remove(0));
    }

    @Test
    void aTamperedPayloadIsRefused() {
        TollgateEngine engine = installed();

        assertRefusedEverywhere(engine, none -> {
            String[] parts = payload(NEW_STORE).split("\\.");
            String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                    .replace(String.valueOf(USER_ID), "1");
            return parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(claims.getBytes(StandardCharsets.UTF_8))
                    + "." + parts[2];
        });
    }

    @Test
    void aReplayedPayloadIsRefused() {
        TollgateEngine engine = installed();
        BigCommerceApp app = setup.app(engine);
        List<String> used = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String p = payload(NEW_STORE);
            app.load(p);
            used.add(p);
        }

        assertRefusedEverywhere(engine, none -> used.remove(0));
    }

    @Test
    void anUninstallOfAStoreNotInstalledIsNoErrorAndNamesNoTenant() {
        BigCommerceApp app = setup.app(installed());

        SignedPayload p = app.uninstall(payload("n0tinstalled"));

        assertEquals("n0tinstalled", p.storeHash());
        assertEquals(Optional.empty(), p.tenant());
    }

    @Test
    void anUninstallOfAStoreInConfigurationWarnsOnceNamingWhatToRemoveAndRemovesNothing() {
        TollgateEngine engine = setup.engine(setup.config()
                .and("tollgate.bc.tenants.store-a.store-hash", BigCommerceFixture.STORE_A_HASH)
                .and("tollgate.bc.tenants.store-a.access-token", BigCommerceFixture.STORE_A_TOKEN));
        List<LogRecord> logged = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(BigCommerceApp.class.getName());
        logger.addHandler(handler);
        try {
            SignedPayload p = setup.app(engine).uninstall(payload(BigCommerceFixture.STORE_A_HASH));
            assertEquals(Optional.of("store-a"), p.tenant());
        } finally {
            logger.removeHandler(handler);
        }

        List<LogRecord> warnings = logged.stream().filter(r -> r.getLevel().equals(Level.WARNING)).toList();
        assertEquals(1, warnings.size(), logged.toString());
        String warning = warnings.get(0).getMessage();
        assertTrue(warning.contains("client 'bc'") && warning.contains("store-a") && warning.contains("tollgate.bc.tenants.store-a.*"),
                warning);
        assertEquals(Map.of(), engine.tenants().client(AppSetup.CLIENT).masked("store-a"), "nothing stored, nothing removed");
        assertEquals(List.of("store-a"), List.copyOf(engine.tenants().client(AppSetup.CLIENT).list()));
    }

    @Test
    void theVerifierFindsAStoreInTheTenantStoreAsItFindsAConfiguredOne() {
        TollgateEngine engine = setup.engine();
        engine.tenants().client(AppSetup.CLIENT).saveUnverified("store-" + NEW_STORE,
                Map.of("store-hash", NEW_STORE, "access-token", BigCommerceFixture.STORE_B_TOKEN));

        SignedPayload p = BigCommerceJwtVerifier.forClient(engine, AppSetup.CLIENT, harness.clock).verifySignedPayload(payload(NEW_STORE));

        assertEquals(Optional.of("store-" + NEW_STORE), p.tenant());
    }

    @Test
    void aStoredStoreWhoseStoredHashIsAnotherIsNotInstalled() {
        TollgateEngine engine = setup.engine();
        // an application saved this tenant by hand, for another store: the name alone proves nothing
        engine.tenants().client(AppSetup.CLIENT).saveUnverified("store-" + NEW_STORE,
                Map.of("store-hash", BigCommerceFixture.STORE_B_HASH, "access-token", BigCommerceFixture.STORE_B_TOKEN));

        assertThrows(JwtRejectedException.class, () -> setup.app(engine).load(payload(NEW_STORE)));
    }
}
