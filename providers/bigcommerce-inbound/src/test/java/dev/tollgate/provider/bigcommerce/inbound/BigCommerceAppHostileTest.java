package dev.tollgate.provider.bigcommerce.inbound;

import static dev.tollgate.provider.bigcommerce.inbound.AppSetup.CLIENT;
import static dev.tollgate.provider.bigcommerce.inbound.AppSetup.CLIENT_ID;
import static dev.tollgate.provider.bigcommerce.inbound.AppSetup.CLIENT_SECRET;
import static dev.tollgate.provider.bigcommerce.inbound.AppSetup.NEW_STORE;
import static dev.tollgate.provider.bigcommerce.inbound.AppSetup.SCOPE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.TenantStoreException;
import dev.tollgate.engine.TollgateEngine;
import dev.tollgate.engine.testing.EngineHarness;
import dev.tollgate.engine.testing.StoreHarness;
import dev.tollgate.provider.bigcommerce.inbound.InstallRefusedException.Reason;
import dev.tollgate.testkit.http.LoopbackServer;
import dev.tollgate.testkit.log.SecretScan;
import dev.tollgate.testkit.simulator.bigcommerce.AuthCallback;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The app's callbacks as a hostile caller, a lying or stuck login service and a retrying
 * BigCommerce would meet them: every wait ends, nothing a lie says is stored or shown, and an
 * uninstall that could not be done can be done when BigCommerce sends it again.
 */
class BigCommerceAppHostileTest {

    private final AppSetup setup = new AppSetup();
    @RegisterExtension
    final EngineHarness harness = setup.harness;
    @RegisterExtension
    final StoreHarness stores = setup.stores;

    private TollgateEngine engineWithLogin(BigCommerceAppInstallTest.LyingLogin login) {
        LoopbackServer lying = harness.serve(login);
        return setup.engine(setup.config().and("tollgate.bc.oauth-url", lying.url("")));
    }

    /**
     * A login service that answers its status line, then a header line now and then, never the
     * end of its headers: every read finishes within the read timeout, the answer never does.
     */
    private static final class TricklingHeaders implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
        private final CountDownLatch stop = new CountDownLatch(1);
        private final Thread thread = new Thread(this::serve, "trickling-headers");

        TricklingHeaders() throws IOException {
            thread.setDaemon(true);
            thread.start();
        }

        String url() {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }

        private void serve() {
            try (Socket s = socket.accept(); OutputStream out = s.getOutputStream()) {
                out.write("HTTP/1.1 200 OK\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                while (!stop.await(50, TimeUnit.MILLISECONDS)) {
                    out.write("X-Still-Coming: yes\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
            } catch (IOException | InterruptedException gone) {
                // the client hung up, or the test is over
            }
        }

        @Override
        public void close() throws IOException {
            stop.countDown();
            socket.close();
        }
    }

    @Test
    void aLoginServiceThatNeverEndsItsHeadersIsCutOffAfterTheClientsTimeouts() throws Exception {
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try (TricklingHeaders login = new TricklingHeaders()) {
            TollgateEngine engine = setup.engine(setup.config().and("tollgate.bc.oauth-url", login.url())
                    .and("tollgate.bc.connect-timeout", "PT1S").and("tollgate.bc.read-timeout", "PT1S"));
            AuthCallback callback = setup.merchantInstalls(NEW_STORE);
            Future<?> install = thread.submit(() -> setup.install(setup.app(engine), callback));

            // a safety net: the exchange's own budget is 2 s
            java.util.concurrent.ExecutionException e = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> install.get(60, TimeUnit.SECONDS), "the install returned");
            InstallRefusedException refused = (InstallRefusedException) e.getCause();
            assertEquals(Reason.LOGIN_UNAVAILABLE, refused.reason(), refused.getMessage());
            assertEquals(Map.of(), setup.stored(engine, NEW_STORE));
        } finally {
            thread.shutdownNow();
        }
    }

    /**
     * An oauth-url an administrator got wrong (a host that serves no token endpoint) answers 404
     * without an OAuth error: the log names the URL asked and the key, not only "the code was used".
     */
    @Test
    void aNotFoundWithoutAnOauthErrorNamesTheTokenUrlAndTheKeyToCheck() {
        LoopbackServer notLogin = harness.serve(new BigCommerceAppInstallTest.LyingLogin(404, "<html>Not Found</html>"));
        TollgateEngine engine = setup.engine(setup.config().and("tollgate.bc.oauth-url", notLogin.url("")));
        AuthCallback callback = setup.merchantInstalls(NEW_STORE);

        InstallRefusedException e = assertThrows(InstallRefusedException.class, () -> setup.install(setup.app(engine), callback));

        assertEquals(Reason.CODE_REFUSED, e.reason());
        assertTrue(e.getMessage().contains(notLogin.url("oauth2/token")), e.getMessage());
        assertTrue(e.getMessage().contains("tollgate.bc.oauth-url"), e.getMessage());
        assertFalse(SecretScan.containsAny(e.getMessage(), List.of(CLIENT_SECRET, callback.code())), e.getMessage());
        assertEquals(Map.of(), setup.stored(engine, NEW_STORE));
    }

    @Test
    void anErrorAnswerQuotingPartOfTheSecretOrTheCodeShowsNeitherInTheMessage() {
        AuthCallback callback = setup.merchantInstalls(NEW_STORE);
        String quoting = "{\"error\":\"invalid_client\",\"error_description\":\"client_secret '" + CLIENT_SECRET.substring(0, 20)
                + "...' does not match; code '" + callback.code().substring(0, 12) + "...'\"}";
        TollgateEngine engine = engineWithLogin(new BigCommerceAppInstallTest.LyingLogin(401, quoting));

        InstallRefusedException e = assertThrows(InstallRefusedException.class, () -> setup.install(setup.app(engine), callback));

        assertEquals(Reason.CODE_REFUSED, e.reason());
        assertFalse(SecretScan.containsAny(e.getMessage(), List.of(CLIENT_SECRET, callback.code())), e.getMessage());
        assertTrue(e.getMessage().contains("invalid_client"), "the error code is still shown: " + e.getMessage());
    }

    @Test
    void aUserIdBeyondWhatALongHoldsIsUnknownNotAnotherUser() {
        String token = "bcHugeIdTok3n-0123456789abcdefghij";
        // 2^64 + 5: read as a long it wraps to 5, another user of the store
        TollgateEngine engine = engineWithLogin(new BigCommerceAppInstallTest.LyingLogin(200, "{\"access_token\":\"" + token
                + "\",\"scope\":\"" + SCOPE + "\",\"user\":{\"id\":18446744073709551621,\"email\":\"a@example.com\"},"
                + "\"owner\":{\"id\":2.5},\"context\":\"stores/" + NEW_STORE + "\"}"));

        InstalledStore store = setup.install(setup.app(engine), setup.merchantInstalls(NEW_STORE));

        assertEquals(0, store.user().id(), "an id that is no id BigCommerce gives is unknown (0)");
        assertEquals(0, store.owner().id(), "an id that is not a whole number is unknown (0)");
        assertEquals(Optional.of("a@example.com"), store.user().email());
    }

    @Test
    void aCodeOrScopeNoLoginServiceIssuesIsRefusedBeforeAnythingIsSent() {
        TollgateEngine engine = setup.engine();
        BigCommerceApp app = setup.app(engine);
        AuthCallback callback = setup.merchantInstalls(NEW_STORE);
        for (String code : List.of("c".repeat(100_000), callback.code() + "\r\nX-Injected: 1", callback.code() + "\u0000",
                "c\u00f6de-\u0661\u0662")) {
            InstallRefusedException e = assertThrows(InstallRefusedException.class, () -> app.install(code, SCOPE, callback.context()));
            assertEquals(Reason.MALFORMED_CALLBACK, e.reason(), e.getMessage());
        }
        for (String scope : List.of("s".repeat(100_000), SCOPE + "\r\n")) {
            InstallRefusedException e = assertThrows(InstallRefusedException.class,
                    () -> app.install(callback.code(), scope, callback.context()));
            assertEquals(Reason.MALFORMED_CALLBACK, e.reason(), e.getMessage());
        }

        assertEquals(0, setup.bc.loginRequests(), "nothing was sent to BigCommerce");
        assertEquals(Map.of(), setup.stored(engine, NEW_STORE));
    }

    @Test
    void anUninstallThatCouldNotBeDoneIsDoneWhenBigCommerceSendsTheSamePayloadAgain() throws Exception {
        TollgateEngine engine = setup.engine(setup.config().and("tollgate.bc.connect-timeout", "PT0.001S")
                .and("tollgate.bc.read-timeout", "PT0.001S"));
        BigCommerceApp app = setup.app(engine);
        // installed with the simulator's own login service, as AppSetup configures it, through another engine
        setup.install(setup.app(setup.engine()), setup.merchantInstalls(NEW_STORE));
        String uninstall = setup.bc.uninstall(CLIENT_ID, NEW_STORE);

        // an install of the store holds its lock (another request, another thread) while the uninstall arrives
        ExecutorService other = Executors.newSingleThreadExecutor();
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try {
            Future<?> holder = other.submit(() -> {
                ReentrantLock lock = StoreLocks.acquire(CLIENT, NEW_STORE, Duration.ofSeconds(30));
                held.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS); // a safety net: the test releases it
                } finally {
                    lock.unlock();
                }
                return null;
            });
            assertTrue(held.await(30, TimeUnit.SECONDS));
            assertThrows(TenantStoreException.class, () -> app.uninstall(uninstall), "the uninstall did not happen");
            assertEquals(NEW_STORE, setup.stored(engine, NEW_STORE).get("store-hash"), "the store is still installed");
            release.countDown();
            holder.get(30, TimeUnit.SECONDS);
        } finally {
            release.countDown();
            other.shutdownNow();
        }

        SignedPayload again = app.uninstall(uninstall);

        assertEquals(Optional.of("store-" + NEW_STORE), again.tenant());
        assertEquals(Map.of(), setup.stored(engine, NEW_STORE), "the store is uninstalled");
        assertThrows(JwtRejectedException.class, () -> app.uninstall(uninstall), "once done, the payload is used");
    }

    /** A token endpoint that answers 200 with a body of {@code size} bytes, written as fast as it is taken. */
    @jakarta.ws.rs.Path("oauth2/token")
    public static class FloodingLogin {
        final dev.tollgate.testkit.simulator.FloodingBody body = new dev.tollgate.testkit.simulator.FloodingBody(100L << 20);

        @jakarta.ws.rs.POST
        public jakarta.ws.rs.core.Response token(String request) {
            return jakarta.ws.rs.core.Response.ok(body, jakarta.ws.rs.core.MediaType.APPLICATION_JSON_TYPE).build();
        }
    }

    /**
     * Tokens no header could carry safely (a CR LF that would split the header, 5000 characters,
     * a number) and a 100 MB answer: refused, nothing stored, and of the flood no more read than a
     * token answer could be.
     */
    @Test
    void aTokenNoHeaderCouldCarryOrAFloodOfAnAnswerIsNotStored() throws Exception {
        String context = ",\"context\":\"stores/" + NEW_STORE + "\"}";
        for (String token : List.of("\"bcTok3n-0123456789\\r\\nX-Injected: yes\"", "\"" + "t".repeat(5000) + "\"", "12345678901234567890")) {
            TollgateEngine engine = engineWithLogin(new BigCommerceAppInstallTest.LyingLogin(200, "{\"access_token\":" + token + context));
            InstallRefusedException e = assertThrows(InstallRefusedException.class,
                    () -> setup.install(setup.app(engine), setup.merchantInstalls(NEW_STORE)));
            assertEquals(Reason.ANSWER_UNUSABLE, e.reason(), e.getMessage());
            assertFalse(e.getMessage().contains("X-Injected") || e.getMessage().contains("tttttttt"), e.getMessage());
            assertEquals(Map.of(), setup.stored(engine, NEW_STORE));
        }

        FloodingLogin flood = new FloodingLogin();
        TollgateEngine engine = setup.engine(setup.config().and("tollgate.bc.oauth-url", harness.serve(flood).url("")));
        InstallRefusedException e = assertThrows(InstallRefusedException.class,
                () -> setup.install(setup.app(engine), setup.merchantInstalls(NEW_STORE)));
        assertEquals(Reason.LOGIN_UNAVAILABLE, e.reason(), e.getMessage());
        assertTrue(flood.body.awaitDone(Duration.ofSeconds(30)), "the login service stopped sending: the client hung up");
        assertTrue(flood.body.sent() < 10L << 20, "read no more than a token answer could be: " + flood.body.sent());
        assertEquals(Map.of(), setup.stored(engine, NEW_STORE));
    }

    /** Digits and letters beyond ASCII (Arabic-Indic, fullwidth, a dotless i) name no store: no tenant is named after them. */
    @Test
    void aContextWithLettersOrDigitsBeyondAsciiIsRefusedBeforeAnythingIsSent() {
        TollgateEngine engine = setup.engine();
        AuthCallback callback = setup.merchantInstalls(NEW_STORE);
        for (String context : List.of("stores/\u0661\u0662\u0663", "stores/\uff4e3wst0re", "stores/n3wst0r\u0131", "stores/n3wst0re\u200b",
                "stores/n3wst0re?x=1", "stores/n3wst0re/../x", "stores//n3wst0re")) {
            InstallRefusedException e = assertThrows(InstallRefusedException.class,
                    () -> setup.app(engine).install(callback.code(), SCOPE, context));
            assertEquals(Reason.MALFORMED_CALLBACK, e.reason(), context);
        }
        assertEquals(0, setup.bc.loginRequests(), "nothing was sent to BigCommerce");
    }
}
