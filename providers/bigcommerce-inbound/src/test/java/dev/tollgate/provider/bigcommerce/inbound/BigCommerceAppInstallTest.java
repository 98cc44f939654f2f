package dev.tollgate.provider.bigcommerce.inbound;

import static dev.tollgate.provider.bigcommerce.inbound.AppSetup.CLIENT_ID;
import static dev.tollgate.provider.bigcommerce.inbound.AppSetup.CLIENT_SECRET;
import static dev.tollgate.provider.bigcommerce.inbound.AppSetup.NEW_STORE;
import static dev.tollgate.provider.bigcommerce.inbound.AppSetup.SCOPE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.UnsafeRequestException;
import dev.tollgate.engine.TollgateEngine;
import dev.tollgate.engine.testing.EngineHarness;
import dev.tollgate.engine.testing.StoreHarness;
import dev.tollgate.provider.bigcommerce.inbound.InstallRefusedException.Reason;
import dev.tollgate.testkit.http.LoopbackServer;
import dev.tollgate.testkit.log.SecretScan;
import dev.tollgate.testkit.simulator.bigcommerce.AuthCallback;
import dev.tollgate.testkit.simulator.bigcommerce.BigCommerceFixture;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The auth callback: a store that installs the app is saved as tenant {@code store-<hash>} and its
 * calls work at once; a re-install replaces the token; every refusal stores nothing, and those
 * that can be told before the exchange send nothing.
 */
class BigCommerceAppInstallTest {

    private final AppSetup setup = new AppSetup();
    @RegisterExtension
    final EngineHarness harness = setup.harness;
    @RegisterExtension
    final StoreHarness stores = setup.stores;
    private final List<Throwable> thrown = new ArrayList<>();

    private InstallRefusedException refused(Reason reason, org.junit.jupiter.api.function.Executable install) {
        InstallRefusedException e = assertThrows(InstallRefusedException.class, install);
        assertEquals(reason, e.reason(), e.getMessage());
        thrown.add(e);
        return e;
    }

    /** Nothing the store holds for the client, and no code, secret or token in any message seen. */
    private void assertNothingStoredAndNoSecretShown(TollgateEngine engine, String... codes) {
        assertEquals(List.of(), stores.store().tenants(AppSetup.CLIENT).stream().toList(), "nothing was stored");
        List<String> secrets = new ArrayList<>(List.of(CLIENT_SECRET));
        secrets.addAll(Arrays.asList(codes));
        setup.bc.accessToken(CLIENT_ID, NEW_STORE).ifPresent(secrets::add);
        for (Throwable t : thrown) {
            for (Throwable c = t; c != null; c = c.getCause()) {
                assertFalse(SecretScan.containsAny(String.valueOf(c.getMessage()), secrets), "a secret in: " + c.getMessage());
            }
        }
    }

    @Test
    void anInstalledStoreIsATenantWhoseCallsWorkAtOnceWithItsTokenEncrypted() throws Exception {
        TollgateEngine engine = setup.engine();
        AuthCallback callback = setup.merchantInstalls(NEW_STORE);

        InstalledStore store = setup.install(setup.app(engine), callback);

        assertEquals(NEW_STORE, store.storeHash());
        assertEquals("store-" + NEW_STORE, store.tenant());
        assertEquals(SCOPE, store.scope());
        assertFalse(store.reinstalled());
        assertTrue(store.user().id() > 0);
        assertTrue(store.user().email().isPresent());
        assertEquals(Optional.of(callback.accountUuid()), store.accountUuid());
        assertEquals(NEW_STORE, setup.stored(engine, NEW_STORE).get("store-hash"));

        assertEquals(200, setup.catalog(engine, NEW_STORE));
        String token = setup.bc.accessToken(CLIENT_ID, NEW_STORE).orElseThrow();
        assertEquals(token, setup.lastToken());
        assertFalse(stores.everythingOnDisk().contains(token), "the token is stored encrypted");
        assertFalse(store.toString().contains(token));
    }

    @Test
    void aReinstallReplacesTheTokenAndTheNextCallUsesTheNewOne() {
        TollgateEngine engine = setup.engine();
        BigCommerceApp app = setup.app(engine);
        setup.install(app, setup.merchantInstalls(NEW_STORE));
        assertEquals(200, setup.catalog(engine, NEW_STORE));
        String first = setup.lastToken();

        InstalledStore again = setup.install(app, setup.merchantInstalls(NEW_STORE));

        assertTrue(again.reinstalled());
        assertEquals(200, setup.catalog(engine, NEW_STORE), "the cached, revoked token was dropped");
        String second = setup.lastToken();
        assertNotEquals(first, second);
        assertEquals(setup.bc.accessToken(CLIENT_ID, NEW_STORE).orElseThrow(), second);
        try (Response old = harness.plainClient().target(setup.server.url("stores/" + NEW_STORE + "/v3/catalog/products"))
                .request().header("X-Auth-Token", first).get()) {
            assertEquals(401, old.getStatus(), "BigCommerce refuses the previous token");
        }
    }

    @Test
    void anUninstalledStoresCallsFailBeforeAnythingIsSent() {
        TollgateEngine engine = setup.engine();
        BigCommerceApp app = setup.app(engine);
        setup.install(app, setup.merchantInstalls(NEW_STORE));
        assertEquals(200, setup.catalog(engine, NEW_STORE));

        SignedPayload uninstalled = app.uninstall(setup.bc.uninstall(CLIENT_ID, NEW_STORE));

        assertEquals(Optional.of("store-" + NEW_STORE), uninstalled.tenant());
        assertEquals(Map.of(), setup.stored(engine, NEW_STORE));
        int sent = harness.journal.count();
        UnsafeRequestException e = assertThrows(UnsafeRequestException.class, () -> setup.catalog(engine, NEW_STORE));
        assertTrue(e.getMessage().contains("Nothing was sent"), e.getMessage());
        assertEquals(sent, harness.journal.count(), "no request reached BigCommerce");
    }

    @Test
    void aMissingOrMalformedContextIsRefusedBeforeAnythingIsSent() {
        TollgateEngine engine = setup.engine();
        BigCommerceApp app = setup.app(engine);
        AuthCallback callback = setup.merchantInstalls(NEW_STORE);
        List<String> contexts = Arrays.asList(null, "", " ", "stores/", "stores", "store/" + NEW_STORE, "stores/" + NEW_STORE + "/x",
                "stores/" + NEW_STORE + " ", "stores/../" + NEW_STORE, "stores/n3w%20st0re", "stores/" + "a".repeat(65),
                "STORES/" + NEW_STORE, "stores/n3w-st0re", "stores/" + NEW_STORE + "\n");
        for (String context : contexts) {
            refused(Reason.MALFORMED_CALLBACK, () -> app.install(callback.code(), callback.scope(), context));
        }
        for (String code : Arrays.asList(null, "", "  ")) {
            refused(Reason.MALFORMED_CALLBACK, () -> app.install(code, callback.scope(), callback.context()));
        }

        assertEquals(0, setup.bc.loginRequests(), "nothing was sent to BigCommerce");
        assertNothingStoredAndNoSecretShown(engine, callback.code());
        assertEquals(400, Reason.MALFORMED_CALLBACK.status());
    }

    @Test
    void aCodeUsedTwiceIsRefusedAndTheTokenStoredStays() {
        TollgateEngine engine = setup.engine();
        BigCommerceApp app = setup.app(engine);
        AuthCallback callback = setup.merchantInstalls(NEW_STORE);
        setup.install(app, callback);
        String token = setup.bc.accessToken(CLIENT_ID, NEW_STORE).orElseThrow();

        InstallRefusedException e = refused(Reason.CODE_REFUSED, () -> setup.install(app, callback));

        assertTrue(e.getMessage().contains("invalid_grant"), e.getMessage());
        assertEquals(200, setup.catalog(engine, NEW_STORE));
        assertEquals(token, setup.lastToken(), "the first install's token is still the one used");
        assertFalse(SecretScan.containsAny(e.getMessage(), List.of(callback.code(), CLIENT_SECRET, token)), e.getMessage());
    }

    @Test
    void anExpiredCodeIsRefusedAndNothingIsStored() {
        TollgateEngine engine = setup.engine();
        AuthCallback callback = setup.merchantInstalls(NEW_STORE);
        harness.clock.advance(Duration.ofSeconds(31)); // the simulator's codes live 30 s, as BigCommerce's are short-lived

        refused(Reason.CODE_REFUSED, () -> setup.install(setup.app(engine), callback));

        assertEquals(1, setup.bc.loginRequests());
        assertNothingStoredAndNoSecretShown(engine, callback.code());
    }

    @Test
    void aCodeExchangedWithAnotherRedirectUriIsRefusedAndNothingIsStored() {
        TollgateEngine engine = setup.engine(setup.config().and("tollgate.bc.auth-callback-url",
                "https://app.example.com/bigcommerce/auth/"));
        AuthCallback callback = setup.merchantInstalls(NEW_STORE);

        InstallRefusedException e = refused(Reason.CODE_REFUSED, () -> setup.install(setup.app(engine), callback));

        assertTrue(e.getMessage().contains("https://app.example.com/bigcommerce/auth/"), "names the redirect_uri sent: "
                + e.getMessage());
        assertNothingStoredAndNoSecretShown(engine, callback.code());
    }

    @Test
    void aCodeOfAnotherAppIsRefusedAndNothingIsStored() {
        TollgateEngine engine = setup.engine(setup.config().and("tollgate.bc.client-secret", "another-app-secret-of-enough-length-1234"));
        AuthCallback callback = setup.merchantInstalls(NEW_STORE);

        InstallRefusedException e = refused(Reason.CODE_REFUSED, () -> setup.install(setup.app(engine), callback));

        assertTrue(e.getMessage().contains("HTTP 401"), e.getMessage());
        assertNothingStoredAndNoSecretShown(engine, callback.code());
    }

    /** A token endpoint that answers 200 with what it is told to: one that lies, or is broken. */
    @Path("oauth2/token")
    public static class LyingLogin {
        private final String answer;
        private final int status;

        LyingLogin(int status, String answer) {
            this.status = status;
            this.answer = answer;
        }

        @POST
        public Response token(String body) {
            return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(answer).build();
        }
    }

    private TollgateEngine engineWithLogin(LyingLogin login) {
        LoopbackServer lying = harness.serve(login);
        return setup.engine(setup.config().and("tollgate.bc.oauth-url", lying.url("")));
    }

    @Test
    void anAnswerForAnotherStoreIsNotStored() {
        String otherToken = "bcOtherStoreTok3n-Qw8Er5Ty2Ui9Op4As7";
        TollgateEngine engine = engineWithLogin(new LyingLogin(200, "{\"access_token\":\"" + otherToken + "\",\"scope\":\"" + SCOPE
                + "\",\"user\":{\"id\":1,\"email\":\"a@example.com\"},\"owner\":{\"id\":1},\"context\":\"stores/"
                + BigCommerceFixture.STORE_B_HASH + "\"}"));
        AuthCallback callback = setup.merchantInstalls(NEW_STORE);

        InstallRefusedException e = refused(Reason.ANSWER_UNUSABLE, () -> setup.install(setup.app(engine), callback));

        assertEquals(502, e.reason().status());
        assertNothingStoredAndNoSecretShown(engine, callback.code(), otherToken);
    }

    @Test
    void anAnswerWithoutATokenOrWithoutAContextIsNotStored() {
        for (String answer : List.of("{\"scope\":\"x\",\"context\":\"stores/" + NEW_STORE + "\"}",
                "{\"access_token\":\"\",\"context\":\"stores/" + NEW_STORE + "\"}",
                "{\"access_token\":\"bcSomeTok3n-0123456789abcdef\"}")) {
            TollgateEngine engine = engineWithLogin(new LyingLogin(200, answer));
            AuthCallback callback = setup.merchantInstalls(NEW_STORE);
            refused(Reason.ANSWER_UNUSABLE, () -> setup.install(setup.app(engine), callback));
            assertNothingStoredAndNoSecretShown(engine, callback.code(), "bcSomeTok3n-0123456789abcdef");
        }
    }

    @Test
    void aLoginServiceInTroubleIsUnavailableAndNothingIsStored() throws IOException {
        for (int status : new int[] {429, 500, 503, 302}) {
            TollgateEngine engine = engineWithLogin(new LyingLogin(status, "{\"error\":\"temporarily_unavailable\"}"));
            AuthCallback callback = setup.merchantInstalls(NEW_STORE);
            InstallRefusedException e = refused(Reason.LOGIN_UNAVAILABLE, () -> setup.install(setup.app(engine), callback));
            assertTrue(e.getMessage().contains("HTTP " + status), e.getMessage());
            assertEquals(503, e.reason().status());
        }
        TollgateEngine html = engineWithLogin(new LyingLogin(200, "<html>maintenance</html>"));
        refused(Reason.LOGIN_UNAVAILABLE, () -> setup.install(setup.app(html), setup.merchantInstalls(NEW_STORE)));

        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort(); // nothing listens there once it is closed
        }
        TollgateEngine unreachable = setup.engine(setup.config().and("tollgate.bc.oauth-url", "http://127.0.0.1:" + closedPort));
        refused(Reason.LOGIN_UNAVAILABLE, () -> setup.install(setup.app(unreachable), setup.merchantInstalls(NEW_STORE)));

        assertNothingStoredAndNoSecretShown(unreachable);
    }

    @Test
    void aLoginServiceThatNeverFinishesItsAnswerIsCutOffAfterTheClientsTimeouts() {
        TollgateEngine engine = setup.engine(setup.config().and("tollgate.bc.connect-timeout", "PT1S")
                .and("tollgate.bc.read-timeout", "PT1S"));
        CountDownLatch stop = new CountDownLatch(1);
        setup.bc.loginFaults().trickle(Duration.ofMillis(50), stop); // a byte every 50 ms: no read ever times out
        AuthCallback callback = setup.merchantInstalls(NEW_STORE);
        try {
            InstallRefusedException e = refused(Reason.LOGIN_UNAVAILABLE, () -> setup.install(setup.app(engine), callback));
            assertTrue(e.getMessage().contains("did not finish its answer in time"), e.getMessage());
        } finally {
            stop.countDown();
        }
        assertNothingStoredAndNoSecretShown(engine, callback.code());
    }

    @Test
    void aTenantStoreThatCannotBeReadRefusesTheInstallBeforeTheCodeIsUsed() {
        stores.overTcp();
        TollgateEngine engine = setup.engine();
        AuthCallback callback = setup.merchantInstalls(NEW_STORE);
        stores.stop();

        InstallRefusedException e = refused(Reason.STORE_UNAVAILABLE, () -> setup.install(setup.app(engine), callback));

        assertEquals(503, e.reason().status());
        assertEquals(0, setup.bc.loginRequests(), "the code was not used: the merchant's retry can still install");
        stores.restart();
        assertNothingStoredAndNoSecretShown(engine, callback.code());
        setup.install(setup.app(engine), callback);
        assertEquals(200, setup.catalog(engine, NEW_STORE));
    }

    @Test
    void aStoreInConfigurationIsRefusedBeforeAnythingIsSent() {
        String configured = BigCommerceFixture.STORE_A_HASH;
        TollgateEngine engine = setup.engine(setup.config().and("tollgate.bc.tenants.store-a.store-hash", configured)
                .and("tollgate.bc.tenants.store-a.access-token", BigCommerceFixture.STORE_A_TOKEN));
        AuthCallback callback = setup.merchantInstalls(configured);

        InstallRefusedException e = refused(Reason.STORE_CONFIGURED, () -> setup.install(setup.app(engine), callback));

        assertTrue(e.getMessage().contains("store-a"), e.getMessage());
        assertEquals(409, e.reason().status());
        assertEquals(0, setup.bc.loginRequests(), "nothing was sent");
        assertNothingStoredAndNoSecretShown(engine, callback.code());
    }
}
