package dev.tollgate.provider.oauth2;

import static dev.tollgate.testkit.simulator.oauth2.OAuth2Fixture.BILLING_CLIENT_ID;
import static dev.tollgate.testkit.simulator.oauth2.OAuth2Fixture.BILLING_CLIENT_SECRET;
import static dev.tollgate.testkit.simulator.oauth2.OAuth2Fixture.METRICS_CLIENT_ID;
import static dev.tollgate.testkit.simulator.oauth2.OAuth2Fixture.METRICS_CLIENT_SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.TokenAcquisitionException;
import dev.tollgate.api.Tollgate;
import dev.tollgate.api.TollgateConfigException;
import dev.tollgate.engine.TollgateEngine;
import dev.tollgate.engine.testing.EngineHarness;
import dev.tollgate.engine.testing.OAuth2Loopback;
import dev.tollgate.testkit.config.TestConfig;
import dev.tollgate.testkit.http.LoopbackServer;
import dev.tollgate.testkit.simulator.oauth2.AuthorizationServerMetadata;
import dev.tollgate.testkit.simulator.oauth2.AuthorizationServerMetadata.Location;
import dev.tollgate.testkit.simulator.oauth2.OAuth2Clients;
import dev.tollgate.testkit.simulator.oauth2.OAuth2Simulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code issuer}: the token endpoint found in the authorization server's metadata (OpenID Connect
 * Discovery 1.0, RFC 8414), checked as the RFCs say, kept per client and read again after a failure.
 */
class OAuth2DiscoveryTest {

    @RegisterExtension
    final EngineHarness harness = new EngineHarness();
    private final OAuth2Simulator simulator = new OAuth2Simulator(OAuth2Clients.standard(), harness.clock, harness.journal);
    private final OAuth2Loopback oauth2 = new OAuth2Loopback(simulator, harness.serve(simulator, simulator.wellKnown()),
            harness.journal);
    private final AuthorizationServerMetadata metadata = simulator.metadata();

    /** The simulator's issuer identifier: {@code http://127.0.0.1:<port>/oauth2}. */
    private String issuer() {
        return oauth2.url("oauth2");
    }

    /** Client {@code api} with {@code issuer} and no {@code token-url}. */
    private TestConfig config() {
        return TestConfig.with("tollgate.api.provider", OAuth2Provider.ID)
                .and("tollgate.api.base-url", oauth2.url("oauth2/"))
                .and("tollgate.api.issuer", issuer())
                .and("tollgate.api.client-id", BILLING_CLIENT_ID)
                .and("tollgate.api.client-secret", BILLING_CLIENT_SECRET);
    }

    private int call(TollgateEngine engine) {
        return oauth2.call(harness.client(engine, OAuth2Loopback.CLIENT));
    }

    /** Past any cooldown of a failed fetch, and past the 1-hour tokens: the next call fetches. */
    private void later() {
        harness.clock.advance(Duration.ofHours(2));
    }

    @Test
    void theOpenIdConfigurationNamesTheTokenEndpointAndIsReadOncePerClient() {
        TollgateEngine engine = harness.engine(config());

        assertEquals(200, call(engine));
        later();
        assertEquals(200, call(engine));

        assertEquals(1, metadata.reads(Location.OPENID_CONFIGURATION), "read once, kept for the next token request");
        assertEquals(0, metadata.reads(Location.OAUTH_AUTHORIZATION_SERVER));
        assertEquals(2, simulator.grants("client_credentials") + simulator.grants("refresh_token"));
    }

    @Test
    void withoutAnOpenIdConfigurationTheRfc8414LocationIsRead() {
        metadata.serveAt(Location.OAUTH_AUTHORIZATION_SERVER);

        assertEquals(200, call(harness.engine(config())));

        assertEquals(1, metadata.reads(Location.OPENID_CONFIGURATION), "asked first, answered 404");
        assertEquals(1, metadata.reads(Location.OAUTH_AUTHORIZATION_SERVER));
        assertEquals(1, simulator.tokenRequests());
    }

    @Test
    void anExplicitTokenUrlWinsAndNoMetadataIsRead() {
        metadata.announceTokenEndpoint("https://elsewhere.example.com/token");

        assertEquals(200, call(harness.engine(config().and("tollgate.api.token-url", oauth2.url("oauth2/token")))));

        assertEquals(0, metadata.reads());
        assertEquals(1, simulator.tokenRequests());
    }

    /** RFC 8414 §3.3: metadata for another issuer could send the secret anywhere; nothing is sent, and it is read again later. */
    @Test
    void metadataForAnotherIssuerIsAnErrorNamingTheIssuerKeyAndNothingIsSent() {
        metadata.announceIssuer("https://login.example.com/oauth2");
        TollgateEngine engine = harness.engine(config());

        TollgateConfigException e = assertThrows(TollgateConfigException.class, () -> call(engine));

        assertTrue(e.getMessage().contains("tollgate.api.issuer is " + issuer() + ", but the metadata at " + issuer()
                + "/.well-known/openid-configuration is for issuer https://login.example.com/oauth2"), e.getMessage());
        assertEquals(0, simulator.tokenRequests(), "nothing sent to the token endpoint it names");

        metadata.announceIssuer(null);
        later();
        assertEquals(200, call(engine));
        assertEquals(2, metadata.reads(), "the refused document was not kept");
    }

    /**
     * The issuer a lying document names reaches the message (and the log) as plain text: no line
     * break that would start a forged log line, no bidirectional override (U+202E) or invisible
     * character that would make it read as the configured one.
     */
    @Test
    void anotherIssuersNameIsShownWithoutLineBreaksOrInvisibleCharacters() {
        metadata.announceIssuer("https://login.example.com/\u202Emoc.elpmaxe\u200B\nINFO forged line");

        TollgateConfigException e = assertThrows(TollgateConfigException.class, () -> call(harness.engine(config())));

        assertTrue(e.getMessage().contains("is for issuer https://login.example.com/ moc.elpmaxe INFO forged line"), e.getMessage());
        assertTrue(e.getMessage().chars().noneMatch(c -> c == '\n' || Character.getType(c) == Character.FORMAT), e.getMessage());
        assertEquals(0, simulator.tokenRequests());
    }

    @Test
    void anIssuerThatDiffersOnlyByAFinalSlashIsToldSo() {
        metadata.announceIssuer(issuer() + "/");

        TollgateConfigException e = assertThrows(TollgateConfigException.class, () -> call(harness.engine(config())));

        assertTrue(e.getMessage().contains("they differ by a final '/'"), e.getMessage());
        assertEquals(0, simulator.tokenRequests());
    }

    @Test
    void aTokenEndpointThatIsNotHttpsIsRefusedNamingTheIssuerKey() {
        metadata.announceTokenEndpoint("http://auth.example.com/oauth2/token");

        TollgateConfigException e = assertThrows(TollgateConfigException.class, () -> call(harness.engine(config())));

        assertTrue(e.getMessage().contains("tollgate.api.issuer names an authorization server whose metadata"), e.getMessage());
        assertTrue(e.getMessage().contains("has a token_endpoint that uses http to a host that is not loopback"), e.getMessage());
        assertEquals(0, simulator.tokenRequests());
    }

    @Test
    void anAuthMethodTheServerDoesNotListIsAnErrorNamingAuthMethod() {
        OAuth2Simulator basicOnly = new OAuth2Simulator(new OAuth2Clients().add(OAuth2Clients.standard()
                .find(METRICS_CLIENT_ID).orElseThrow()), harness.clock, harness.journal);
        var server = harness.serve(basicOnly, basicOnly.wellKnown());
        TollgateEngine engine = harness.engine(config().and("tollgate.api.issuer", server.url("oauth2"))
                .and("tollgate.api.client-id", METRICS_CLIENT_ID).and("tollgate.api.client-secret", METRICS_CLIENT_SECRET)
                .and("tollgate.api.auth-method", "client_secret_post"));

        TollgateConfigException e = assertThrows(TollgateConfigException.class, () -> call(engine));

        assertTrue(e.getMessage().contains("tollgate.api.auth-method is client_secret_post, which the authorization server "
                + server.url("oauth2") + " does not take (its token_endpoint_auth_methods_supported: client_secret_basic)"),
                e.getMessage());
        assertEquals(0, basicOnly.tokenRequests());
    }

    @Test
    void issuersThatAreNotHttpsOrCarryAQueryFailDeploymentNamingTheKey() {
        assertTrue(problem("http://auth.example.com/oauth2").contains("tollgate.api.issuer uses http to a host that is not loopback"));
        assertTrue(problem("https://auth.example.com/oauth2?realm=shop").contains("tollgate.api.issuer must have no query or fragment"));
        assertTrue(problem("https://auth.example.com/oauth2#x").contains("tollgate.api.issuer must have no query or fragment"));
        assertTrue(problem("https://auth.example.com/oauth2/.well-known/openid-configuration")
                .contains("tollgate.api.issuer is the URL of a metadata document"));
        assertEquals(0, metadata.reads(), "deployment reads no metadata");
    }

    @Test
    void neitherTokenUrlNorIssuerFailsDeploymentNamingBoth() {
        TestConfig config = TestConfig.with("tollgate.api.provider", OAuth2Provider.ID)
                .and("tollgate.api.base-url", oauth2.url("oauth2/"))
                .and("tollgate.api.client-id", BILLING_CLIENT_ID)
                .and("tollgate.api.client-secret", BILLING_CLIENT_SECRET);
        String message = harness.engine(config).validate("api").get(0).getMessage();
        assertTrue(message.contains("tollgate.api.token-url is not set, nor is tollgate.api.issuer"), message);
    }

    private String problem(String issuer) {
        List<TollgateConfigException> problems = harness.engine(config().and("tollgate.api.issuer", issuer)).validate("api");
        assertEquals(1, problems.size(), problems.toString());
        return problems.get(0).getMessage();
    }

    @Test
    void deploymentSucceedsWhileTheAuthorizationServerIsDown() {
        metadata.failWith(503);
        assertEquals(List.of(), harness.engine(config()).validate("api"));
        assertEquals(0, metadata.reads());
    }

    @Test
    void metadataThatIsDownFailsTheCallClearlyAndIsReadAgainOnceUp() {
        metadata.failWith(503);
        TollgateEngine engine = harness.engine(config());

        TokenAcquisitionException e = assertThrows(TokenAcquisitionException.class, () -> call(engine));

        assertTrue(e.getMessage().contains("the authorization server's metadata for issuer " + issuer() + " could not be read: "
                + issuer() + "/.well-known/openid-configuration answered HTTP 503 (tollgate.api.issuer)"), e.getMessage());
        assertEquals(1, metadata.reads(), "a server that is down is not asked at the other location too");
        assertEquals(0, simulator.tokenRequests());

        metadata.recover();
        later();
        assertEquals(200, call(engine));
        assertEquals(2, metadata.reads(), "the failure was not kept");
    }

    @Test
    void metadataThatIsNotADocumentFailsTheCallAndIsReadAgain() {
        metadata.announceTokenEndpoint(null).serveAt(); // 404 at both locations
        TollgateEngine engine = harness.engine(config());

        TokenAcquisitionException e = assertThrows(TokenAcquisitionException.class, () -> call(engine));
        assertTrue(e.getMessage().contains("openid-configuration answered HTTP 404; " + oauth2.url(".well-known/oauth-authorization-server/oauth2")
                + " answered HTTP 404"), e.getMessage());

        metadata.serveAt(Location.values());
        later();
        assertEquals(200, call(engine));
    }

    @Test
    void garbledMetadataFailsTheCallAndIsNotKept() {
        metadata.garble("<html><body>Sign in</body></html>");
        TollgateEngine engine = harness.engine(config());

        TokenAcquisitionException e = assertThrows(TokenAcquisitionException.class, () -> call(engine));
        assertTrue(e.getMessage().contains("openid-configuration answered with something that is not authorization server"
                + " metadata (JSON with issuer and token_endpoint)"), e.getMessage());
        assertEquals(0, simulator.tokenRequests());

        metadata.recover();
        later();
        assertEquals(200, call(engine));
        assertEquals(3, metadata.reads(), "both locations garbled, then the first read again");
    }

    @Test
    void anUnreachableIssuerFailsTheCallSayingSo() {
        LoopbackServer closed = LoopbackServer.serve();
        String gone = closed.url("oauth2");
        closed.close();

        TokenAcquisitionException e = assertThrows(TokenAcquisitionException.class,
                () -> call(harness.engine(config().and("tollgate.api.issuer", gone))));

        assertTrue(e.getMessage().contains(gone + "/.well-known/openid-configuration could not be reached"), e.getMessage());
    }

    /** The token endpoint the metadata named is gone (404): the next fetch reads the metadata again and finds the new one. */
    @Test
    void aTokenEndpointThatIsNotFoundMakesTheNextFetchReadTheMetadataAgain() {
        metadata.announceTokenEndpoint(issuer() + "/moved-away");
        TollgateEngine engine = harness.engine(config());

        assertThrows(TokenAcquisitionException.class, () -> call(engine));
        assertEquals(1, metadata.reads());

        metadata.announceTokenEndpoint(null);
        later();
        assertEquals(200, call(engine));
        assertEquals(2, metadata.reads());
    }

    /** Tenants fetching at once share one read: the others wait for it instead of asking the server themselves. */
    @Test
    void tenantsFetchingAtOnceShareOneRead() throws Exception {
        int tenants = 6;
        TestConfig config = config();
        for (int i = 0; i < tenants; i++) {
            config.and("tollgate.api.tenants.t" + i + ".scope", "invoices:read");
        }
        TollgateEngine engine = harness.engine(config);
        var client = harness.client(engine, OAuth2Loopback.CLIENT);
        CountDownLatch release = new CountDownLatch(1);
        metadata.holdReads(release);
        ExecutorService callers = Executors.newFixedThreadPool(tenants);
        try {
            List<Future<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < tenants; i++) {
                String tenant = "t" + i;
                calls.add(callers.submit(() -> Tollgate.withTenant(tenant, () -> oauth2.call(client))));
            }
            awaitWaitingForTheRead(tenants - 1);
            release.countDown();
            for (Future<Integer> call : calls) {
                assertEquals(200, call.get(30, TimeUnit.SECONDS));
            }
        } finally {
            release.countDown();
            callers.shutdownNow();
        }
        assertEquals(1, metadata.reads());
        assertEquals(tenants, simulator.grants("client_credentials"));
    }

    /**
     * A metadata read that trickles (its status and headers at once, then a byte now and then, each
     * within the read timeout) ends with the token fetch that made it: once the server answers
     * again, the next token request reads anew instead of joining the old read, which would
     * trickle on for as long as the server likes.
     */
    @Test
    void aTricklingMetadataReadEndsWithItsFetchAndTheNextFetchReadsAgain() throws Exception {
        CountDownLatch stop = new CountDownLatch(1);
        metadata.trickleNextRead(Duration.ofMillis(50), stop);
        TollgateEngine engine = harness.engine(config().and("tollgate.api.token-fetch-timeout", "PT1S"));
        try {
            assertThrows(TokenAcquisitionException.class, () -> call(engine));
            awaitNoThreadIn(MetadataReader.class.getName(), "read");

            later();
            assertEquals(200, call(engine));
            assertEquals(2, metadata.reads(), "the trickling read was given up, and the metadata read again");
        } finally {
            stop.countDown();
        }
    }

    /**
     * A token request that waits for another one's metadata read waits no longer than its own
     * fetch may take: a fetch thread stuck behind a slow read for another tenant (whose fetch may
     * take longer) would be one less for every client of the application.
     */
    @Test
    void aTokenRequestWaitsForAnotherOnesReadNoLongerThanItsOwnFetchTimeout() throws Exception {
        TollgateEngine engine = harness.engine(config().and("tollgate.api.tenants.slow.token-fetch-timeout", "PT60S")
                .and("tollgate.api.tenants.slow.read-timeout", "PT60S")
                .and("tollgate.api.tenants.slow.scope", "invoices:read")
                .and("tollgate.api.tenants.quick.token-fetch-timeout", "PT1S")
                .and("tollgate.api.tenants.quick.scope", "invoices:read"));
        var client = harness.client(engine, OAuth2Loopback.CLIENT);
        CountDownLatch release = new CountDownLatch(1);
        metadata.holdReads(release);
        ExecutorService slow = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> reading = slow.submit(() -> Tollgate.withTenant("slow", () -> oauth2.call(client)));
            awaitThreadsIn(MetadataReader.class.getName(), "read", 1);

            assertThrows(TokenAcquisitionException.class, () -> Tollgate.withTenant("quick", () -> oauth2.call(client)));
            awaitNoThreadIn(Discovery.class.getName(), "await");

            release.countDown();
            assertEquals(200, reading.get(30, TimeUnit.SECONDS), "the read itself goes on for the fetch that made it");
        } finally {
            release.countDown();
            slow.shutdownNow();
        }
    }

    /** Safety net only: returns as soon as {@code n} threads run {@code className.method}. */
    private static void awaitThreadsIn(String className, String method, int n) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (threadsIn(className, method) < n) {
            if (System.nanoTime() > end) {
                throw new AssertionError("no " + n + " threads in " + className + "." + method);
            }
            Thread.sleep(10);
        }
    }

    /** Safety net only: returns as soon as no thread runs {@code className.method}; fails if one still does after 15 s. */
    private static void awaitNoThreadIn(String className, String method) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (threadsIn(className, method) > 0) {
            if (System.nanoTime() > end) {
                throw new AssertionError("a thread still runs " + className + "." + method + " after its token fetch ended");
            }
            Thread.sleep(10);
        }
    }

    private static long threadsIn(String className, String method) {
        return Thread.getAllStackTraces().values().stream().filter(stack -> List.of(stack).stream()
                .anyMatch(frame -> frame.getClassName().equals(className) && frame.getMethodName().equals(method))).count();
    }

    /**
     * An issuer whose well-known URLs redirect elsewhere: the document there may name the
     * configured issuer (anyone can copy it) and a token endpoint of its own, so the redirect is
     * not followed and nothing is sent to that endpoint.
     */
    @Test
    void aMetadataRedirectIsNotFollowed() {
        LoopbackServer redirecting = harness.serve(new Redirecting(oauth2.url("")));
        String issuer = redirecting.url("oauth2");
        metadata.announceIssuer(issuer); // what a copied document says

        TokenAcquisitionException e = assertThrows(TokenAcquisitionException.class,
                () -> call(harness.engine(config().and("tollgate.api.issuer", issuer))));

        assertTrue(e.getMessage().contains(issuer + "/.well-known/openid-configuration answered HTTP 302"), e.getMessage());
        assertEquals(0, metadata.reads(), "the document it points to was never read");
        assertEquals(0, simulator.tokenRequests());
    }

    /** Answers every GET with a 302 to the same path at {@code target}. */
    @jakarta.ws.rs.Path("/")
    public static final class Redirecting {
        private final String target;

        Redirecting(String target) {
            this.target = target;
        }

        @jakarta.ws.rs.GET
        @jakarta.ws.rs.Path("{path: .*}")
        public jakarta.ws.rs.core.Response any(@jakarta.ws.rs.PathParam("path") String path) {
            return jakarta.ws.rs.core.Response.status(302).location(java.net.URI.create(target + path)).build();
        }
    }

    /** Safety net only: returns as soon as {@code n} token requests wait for the read another one makes. */
    private static void awaitWaitingForTheRead(int n) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < end) {
            long waiting = Thread.getAllStackTraces().values().stream().filter(stack -> List.of(stack).stream()
                    .anyMatch(frame -> frame.getClassName().equals(Discovery.class.getName()) && frame.getMethodName().equals("await")))
                    .count();
            if (waiting >= n) { // the one that reads is in the request, not waiting
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the token requests did not all wait for the one read");
    }
}
