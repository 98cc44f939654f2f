package dev.tollgate.engine;

import static dev.tollgate.testkit.simulator.oauth2.OAuth2Fixture.METRICS_CLIENT_ID;
import static dev.tollgate.testkit.simulator.oauth2.OAuth2Fixture.METRICS_CLIENT_SECRET;
import static dev.tollgate.testkit.simulator.taxjar.TaxJarFixture.ACME_SANDBOX_TOKEN;
import static dev.tollgate.testkit.simulator.taxjar.TaxJarFixture.INITECH_SANDBOX_TOKEN;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.CredentialsRejectedException;
import dev.tollgate.api.CredentialsUnverifiedException;
import dev.tollgate.api.CredentialsUnverifiedException.Reason;
import dev.tollgate.api.TollgateConfigException;
import dev.tollgate.api.TollgateException;
import dev.tollgate.engine.fake.ClientCredentialsProvider;
import dev.tollgate.engine.fake.ElsewhereHost;
import dev.tollgate.engine.fake.StaticBearerProvider;
import dev.tollgate.engine.fake.UnreliableVendor;
import dev.tollgate.engine.testing.EngineHarness;
import dev.tollgate.engine.testing.OAuth2Loopback;
import dev.tollgate.engine.testing.TaxJarLoopback;
import dev.tollgate.spi.AuthProvider;
import dev.tollgate.spi.ClientProtocol;
import dev.tollgate.spi.Credential;
import dev.tollgate.spi.CredentialSource;
import dev.tollgate.spi.CredentialVerification;
import dev.tollgate.spi.Secret;
import dev.tollgate.spi.TenantKey;
import dev.tollgate.spi.TenantSettings;
import dev.tollgate.spi.TokenContext;
import dev.tollgate.spi.UniformProtocol;
import dev.tollgate.testkit.config.TestConfig;
import dev.tollgate.testkit.http.LoopbackServer;
import dev.tollgate.testkit.log.ConfiguredSecrets;
import dev.tollgate.testkit.log.SecretScan;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Proving a tenant's credentials before they are stored, as a provider asks: a read the API
 * answers only for good credentials (TaxJar's way, against the TaxJar simulator), or obtaining a
 * token (against the RFC 6749 simulator). What a person saving a tenant must learn is told apart
 * (refused, account problem, vendor unavailable), nothing of the candidate is cached, credentials
 * never follow a redirect, every wait ends within the configured timeouts, and no exception holds
 * a secret.
 */
class CredentialVerifierTest {

    private static final Duration SAFETY_NET = Duration.ofSeconds(20);
    private static final String WRONG_TOKEN = ConfiguredSecrets.record("0000aaaa1111bbbb2222cccc3333dddd");

    @RegisterExtension
    final EngineHarness harness = new EngineHarness();
    private final TaxJarLoopback taxjar = harness.taxjar();
    private final OAuth2Loopback oauth2 = harness.oauth2();
    private final ElsewhereHost elsewhere = new ElsewhereHost();
    private final LoopbackServer elsewhereServer = harness.serve(elsewhere);
    private final UnreliableVendor unreliable = new UnreliableVendor(elsewhereServer.baseUri().resolve("stolen"));
    private final LoopbackServer unreliableServer = harness.serve(unreliable);
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() {
        unreliable.stopTrickling();
        threads.shutdownNow();
    }

    /**
     * The caller's thread is interrupted (its request was cancelled, the server is stopping) while
     * the verification still waits for a thread: the save failed, so nothing is sent to the vendor
     * when a thread frees up later.
     */
    @Test
    void aCallerInterruptedBeforeTheVerificationStartedSendsNothingLater() {
        TollgateEngine engine = engine(taxjarConfig());
        BoundClient bound = engine.bound("taxjar");
        java.util.List<Runnable> waitingForAThread = new java.util.ArrayList<>();

        Thread.currentThread().interrupt();
        CredentialsUnverifiedException e;
        try {
            e = assertThrows(CredentialsUnverifiedException.class, () -> new CredentialVerifier(harness.clock, waitingForAThread::add)
                    .verify(bound, candidate(bound, new HashMap<>(Map.of("api-token", ACME_SANDBOX_TOKEN)))));
        } finally {
            Thread.interrupted();
        }
        assertEquals(CredentialsUnverifiedException.Reason.VENDOR_UNAVAILABLE, e.reason());
        waitingForAThread.forEach(Runnable::run);

        assertEquals(0, taxjar.journal().requests().size(), "nothing sent for a save that already failed");
    }

    // -- request: TaxJar's way

    @Test
    void goodCredentialsAreVerifiedWithTheProvidersReadAndLeaveNothingCached() {
        TollgateEngine engine = engine(taxjarConfig());

        verify(engine, "taxjar", Map.of("api-token", ACME_SANDBOX_TOKEN));

        var reads = taxjar.journal().requests();
        assertEquals(1, reads.size(), "one read, no retry");
        assertEquals("GET", reads.get(0).method());
        assertTrue(reads.get(0).path().endsWith("taxjar/sandbox/v2/categories"), reads.get(0).path());
        assertEquals(Optional.of("Bearer " + ACME_SANDBOX_TOKEN), reads.get(0).header("Authorization"));
        assertEquals(0, engine.cache().size(), "an unsaved tenant's credential is never cached");
    }

    @Test
    void aRefusedTokenIsRejectedWithTheVendorsExplanation() {
        TollgateEngine engine = engine(taxjarConfig());

        CredentialsRejectedException e = assertThrows(CredentialsRejectedException.class,
                () -> verify(engine, "taxjar", Map.of("api-token", WRONG_TOKEN)));

        assertEquals(401, e.status());
        assertEquals(Optional.of("Not authorized for route 'GET /v2/categories'"), e.vendorDetail());
        assertEquals(Optional.of("newco"), e.tenant());
        assertNoSecret(e, WRONG_TOKEN);
    }

    @Test
    void aRefusedTokenSaysTheApiAtItsOriginRefusedIt() {
        TollgateEngine engine = engine(taxjarConfig());

        CredentialsRejectedException e = assertThrows(CredentialsRejectedException.class,
                () -> verify(engine, "taxjar", Map.of("api-token", WRONG_TOKEN)));

        assertTrue(e.getMessage().contains(": the API at " + origin(taxjar.server()) + " refused the api-token (HTTP 401):"
                + " Not authorized for route 'GET /v2/categories'. "), e.getMessage());
    }

    @Test
    void aForbiddenAccountIsAnAccountProblemWithTheVendorsExplanation() {
        TollgateEngine engine = engine(taxjarConfig());

        CredentialsUnverifiedException e = assertThrows(CredentialsUnverifiedException.class,
                () -> verify(engine, "taxjar", Map.of("api-token", INITECH_SANDBOX_TOKEN)));

        assertEquals(Reason.ACCOUNT_PROBLEM, e.reason());
        assertEquals(Optional.of("Your API token is inactive or your subscription has expired"), e.vendorDetail());
        assertNoSecret(e, INITECH_SANDBOX_TOKEN);
    }

    @Test
    void aForbiddenAnswerTheProtocolReadsAsARefusalRejects() {
        TollgateEngine engine = engine(taxjarConfig());

        CredentialsRejectedException e = assertThrows(CredentialsRejectedException.class,
                () -> verify(engine, "taxjar", unreliable("wrongenv", ACME_SANDBOX_TOKEN)));

        assertEquals(403, e.status());
        assertEquals(Optional.of("This token belongs to the other environment"), e.vendorDetail());
    }

    @Test
    void aForbiddenRefusalSaysTheApiAtItsOriginRefusedTheToken() {
        TollgateEngine engine = engine(taxjarConfig());

        CredentialsRejectedException e = assertThrows(CredentialsRejectedException.class,
                () -> verify(engine, "taxjar", unreliable("wrongenv", ACME_SANDBOX_TOKEN)));

        assertTrue(e.getMessage().contains(": the API at " + origin(unreliableServer) + " refused the api-token (HTTP 403):"
                + " This token belongs to the other environment. "), e.getMessage());
    }

    @Test
    void aVendorThatIsDownOrRateLimitedCouldNotVerify() {
        TollgateEngine engine = engine(taxjarConfig());

        for (String mode : List.of("down", "limited", "missing")) {
            CredentialsUnverifiedException e = assertThrows(CredentialsUnverifiedException.class,
                    () -> verify(engine, "taxjar", unreliable(mode, ACME_SANDBOX_TOKEN)), mode);
            assertEquals(Reason.VENDOR_UNAVAILABLE, e.reason(), mode);
            assertNoSecret(e, ACME_SANDBOX_TOKEN);
        }
        assertEquals(3, unreliable.requests(), "one request each: no retries");
    }

    @Test
    void aPageThatIsNotTheVendorsJsonProvesNothing() {
        TollgateEngine engine = engine(taxjarConfig());

        CredentialsUnverifiedException e = assertThrows(CredentialsUnverifiedException.class,
                () -> verify(engine, "taxjar", unreliable("portal", ACME_SANDBOX_TOKEN)));

        assertEquals(Reason.VENDOR_UNAVAILABLE, e.reason());
        assertTrue(e.getMessage().contains("text/html"), e.getMessage());
    }

    @Test
    void anEmptyAnswerToAReadProvesNothing() {
        TollgateEngine engine = engine(taxjarConfig());

        CredentialsUnverifiedException e = assertThrows(CredentialsUnverifiedException.class,
                () -> verify(engine, "taxjar", unreliable("blank", ACME_SANDBOX_TOKEN)));

        assertEquals(Reason.VENDOR_UNAVAILABLE, e.reason());
        assertTrue(e.getMessage().contains("nothing"), e.getMessage());
    }

    @Test
    void aRedirectToAnotherHostIsNotFollowedAndTheCredentialStaysHome() {
        TollgateEngine engine = engine(taxjarConfig());

        CredentialsUnverifiedException e = assertThrows(CredentialsUnverifiedException.class,
                () -> verify(engine, "taxjar", unreliable("hop", ACME_SANDBOX_TOKEN)));

        assertEquals(Reason.VENDOR_UNAVAILABLE, e.reason());
        assertTrue(e.getMessage().contains("redirect"), e.getMessage());
        assertEquals(0, elsewhere.requests(), "nothing reached the other host");
    }

    @Test
    void aVendorThatEchoesTheTokenItRefusedDoesNotPutItInTheException() {
        TollgateEngine engine = engine(taxjarConfig());

        CredentialsRejectedException e = assertThrows(CredentialsRejectedException.class,
                () -> verify(engine, "taxjar", unreliable("echo", WRONG_TOKEN)));

        assertTrue(e.vendorDetail().orElseThrow().startsWith("Refused Bearer ****"), e.vendorDetail().orElseThrow());
        assertNoSecret(e, WRONG_TOKEN);
    }

    /**
     * The explanation reaches a person (the onboarding page) and logs: one line, as short as a token
     * endpoint's, whatever the vendor sent; never its line breaks, which would forge log lines.
     */
    @Test
    void aVendorWhoseExplanationIsItsStackTraceGivesOneShortLine() {
        TollgateEngine engine = engine(taxjarConfig());

        CredentialsRejectedException e = assertThrows(CredentialsRejectedException.class,
                () -> verify(engine, "taxjar", unreliable("ramble", WRONG_TOKEN)));

        String detail = e.vendorDetail().orElseThrow();
        assertTrue(detail.startsWith("Unauthorized. at com.vendor.auth.TokenCheck.verify(TokenCheck.java:42) at"), detail);
        assertFalse(detail.contains("\n") || detail.contains("\r") || detail.contains("\t"), "one line");
        assertTrue(detail.length() <= 301, "as short as a token endpoint's explanation: " + detail.length());
        assertFalse(e.getMessage().contains("\n"), "the message is one line too");
    }

    @Test
    void aVendorThatIsNotListeningCouldNotVerify() {
        LoopbackServer gone = LoopbackServer.serve(new ElsewhereHost());
        String url = gone.url("v2/");
        gone.close();
        TollgateEngine engine = engine(taxjarConfig());

        CredentialsUnverifiedException e = assertThrows(CredentialsUnverifiedException.class,
                () -> verify(engine, "taxjar", Map.of("api-token", ACME_SANDBOX_TOKEN, "base-url", url)));

        assertEquals(Reason.VENDOR_UNAVAILABLE, e.reason());
    }

    @Test
    void aVendorThatTricklesItsAnswerCannotHoldTheCallerPastTheTimeouts() {
        TollgateEngine engine = engine(taxjarConfig()
                .and("tollgate.taxjar.connect-timeout", "PT0.5S")
                .and("tollgate.taxjar.read-timeout", "PT0.5S"));

        CredentialsUnverifiedException e = assertTimeoutPreemptively(SAFETY_NET, () -> assertThrows(
                CredentialsUnverifiedException.class, () -> verify(engine, "taxjar", unreliable("trickle", ACME_SANDBOX_TOKEN))));

        assertEquals(Reason.VENDOR_UNAVAILABLE, e.reason());
        assertTrue(e.getMessage().contains("did not answer within PT1S"), e.getMessage());
        // a stored tenant's timeouts are its client's: the message names the keys that apply
        assertTrue(e.getMessage().contains("tollgate.taxjar.read-timeout"), e.getMessage());
    }

    // -- hostile candidates: the origin policy holds for stored values too

    @Test
    void aStoredBaseUrlThatSendsTheTokenInTheClearOrWithUserInformationIsRefusedBeforeAnythingIsSent() {
        TollgateEngine engine = engine(taxjarConfig());

        for (String url : List.of("http://attacker.example.com/v2/", "https://user:pw@attacker.example.com/v2/", "file:///etc/")) {
            TollgateConfigException e = assertThrows(TollgateConfigException.class,
                    () -> verify(engine, "taxjar", Map.of("api-token", ACME_SANDBOX_TOKEN, "base-url", url)), url);
            assertTrue(e.getMessage().contains("the tenant's 'base-url'"), e.getMessage());
        }
        assertEquals(0, taxjar.journal().requests().size());
    }

    @Test
    void aVerificationPathCannotLeaveTheOriginsTheProtocolAllows() {
        BoundClient bound = engine(taxjarConfig()).bound("taxjar");
        ConfiguredSettings candidate = candidate(bound, Map.of("api-token", ACME_SANDBOX_TOKEN));
        // a protocol whose allowed origins do not include the base URL's: the read is refused, not sent
        ClientProtocol elsewhereOnly = new DelegatingProtocol(bound.protocol()) {
            @Override
            public List<java.net.URI> allowedOrigins(TenantSettings settings) {
                return List.of(elsewhereServer.baseUri());
            }
        };
        BoundClient narrowed = new BoundClient("taxjar", bound.provider(), elsewhereOnly, bound.settings(""),
                bound.tenants(), false, false, 10);

        assertThrows(dev.tollgate.api.UnsafeRequestException.class,
                () -> new CredentialVerifier(harness.clock, threads).verify(narrowed, candidate));
        assertEquals(0, taxjar.journal().requests().size());
        assertEquals(0, elsewhere.requests());
    }

    @Test
    void aTokenWithALineBreakIsRefusedBeforeAnythingIsSent() {
        TollgateEngine engine = engine(taxjarConfig());

        TollgateConfigException e = assertThrows(TollgateConfigException.class,
                () -> verify(engine, "taxjar", Map.of("api-token", ACME_SANDBOX_TOKEN + "\r\nX-Evil: 1")));

        assertTrue(e.getMessage().contains("the tenant's 'api-token'"), e.getMessage());
        assertEquals(0, taxjar.journal().requests().size());
        assertNoSecret(e, ACME_SANDBOX_TOKEN);
    }

    /**
     * A verification still queued for a thread when its caller gave up must not run later: the
     * caller was told nothing was verified, so nothing may be sent on its behalf.
     */
    @Test
    void aVerificationWhoseCallerGaveUpBeforeItStartedSendsNothing() throws InterruptedException {
        RevokingSource source = new RevokingSource();
        TollgateEngine engine = engine(TestConfig.with("tollgate.rv.provider", "revoking")
                .and("tollgate.rv.base-url", "https://api.example.com/")
                .and("tollgate.rv.connect-timeout", "PT0.2S")
                .and("tollgate.rv.read-timeout", "PT0.2S"), verifiedByObtaining(source));
        BoundClient bound = engine.bound("rv");
        CountDownLatch busy = new CountDownLatch(1);
        ExecutorService oneThread = Executors.newSingleThreadExecutor();
        try {
            oneThread.execute(() -> {
                try {
                    busy.await(SAFETY_NET.toSeconds(), TimeUnit.SECONDS); // the only thread taken by other work
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });

            CredentialsUnverifiedException e = assertThrows(CredentialsUnverifiedException.class, () -> new CredentialVerifier(
                    harness.clock, oneThread).verify(bound, candidate(bound, Map.of("api-token", ACME_SANDBOX_TOKEN))));
            assertEquals(Reason.VENDOR_UNAVAILABLE, e.reason());
        } finally {
            busy.countDown();
            oneThread.shutdown();
            assertTrue(oneThread.awaitTermination(SAFETY_NET.toSeconds(), TimeUnit.SECONDS));
        }
        assertEquals(0, source.obtained.get(), "nothing was asked for once the caller had its answer");
    }

    @Test
    void aVerificationReadThatWouldCarryNoCredentialIsRefusedAndNotSent() {
        BoundClient bound = engine(taxjarConfig()).bound("taxjar");
        ClientProtocol bare = new DelegatingProtocol(bound.protocol()) {
            @Override
            public List<CredentialSource> credentialsFor(dev.tollgate.spi.OutgoingRequest request) {
                return List.of(); // as for a token endpoint's own path
            }
        };
        BoundClient careless = new BoundClient("taxjar", bound.provider(), bare, bound.settings(""), bound.tenants(), false, false, 10);

        assertThrows(TollgateConfigException.class, () -> new CredentialVerifier(harness.clock, threads)
                .verify(careless, candidate(bound, Map.of("api-token", WRONG_TOKEN))));
        assertEquals(0, taxjar.journal().requests().size(), "a 200 to a bare read would have verified any token");
    }

    // -- obtain: a token endpoint proves the client credentials a tenant brings

    @Test
    void goodClientCredentialsAreVerifiedByObtainingATokenThatIsNotCached() {
        TollgateEngine engine = engine(oauth2Config());

        verify(engine, "api", Map.of("client-id", METRICS_CLIENT_ID, "client-secret", METRICS_CLIENT_SECRET));

        assertEquals(1, oauth2.simulator().tokenRequests());
        assertEquals(0, oauth2.apiRequests().size(), "obtaining proves them; the API is not called");
        assertEquals(0, engine.cache().size());
    }

    @Test
    void refusedClientCredentialsAreRejectedWithTheEndpointsError() {
        TollgateEngine engine = engine(oauth2Config());
        String wrongSecret = ConfiguredSecrets.record("wR0ng-s3cret-for-metrics-agent");

        CredentialsRejectedException e = assertThrows(CredentialsRejectedException.class,
                () -> verify(engine, "api", Map.of("client-id", METRICS_CLIENT_ID, "client-secret", wrongSecret)));

        assertEquals(401, e.status());
        assertEquals(Optional.of("invalid_client"), e.vendorDetail());
        assertNoSecret(e, wrongSecret);
        assertEquals(1, oauth2.simulator().tokenRequests());
    }

    /** The authorization server refused the candidate's client, not the API: its token endpoint is named. */
    @Test
    void refusedClientCredentialsSayTheTokenEndpointRefusedThem() {
        TollgateEngine engine = engine(oauth2Config());
        String wrongSecret = ConfiguredSecrets.record("wR0ng-s3cret-for-metrics-agent");

        CredentialsRejectedException e = assertThrows(CredentialsRejectedException.class,
                () -> verify(engine, "api", Map.of("client-id", METRICS_CLIENT_ID, "client-secret", wrongSecret)));

        assertTrue(e.getMessage().contains(": the token endpoint " + oauth2.url("oauth2/token")
                + " refused the credentials sent for the access-token (HTTP 401): invalid_client. "), e.getMessage());
        assertFalse(e.getMessage().contains("the API"), e.getMessage());
    }

    @Test
    void aFailingTokenEndpointCouldNotVerifyAndIsAskedOnce() {
        TollgateEngine engine = engine(oauth2Config());
        oauth2.simulator().faults().status(503);

        CredentialsUnverifiedException e = assertThrows(CredentialsUnverifiedException.class,
                () -> verify(engine, "api", Map.of("client-id", METRICS_CLIENT_ID, "client-secret", METRICS_CLIENT_SECRET)));

        assertEquals(Reason.VENDOR_UNAVAILABLE, e.reason());
        assertTrue(e.getMessage().contains("HTTP 503"), e.getMessage());
        assertEquals(1, oauth2.simulator().tokenRequests(), "no retries: the person saving may try again");
        assertNoSecret(e, METRICS_CLIENT_SECRET);
    }

    @Test
    void aTokenAnswerThatIsNotJsonCouldNotVerify() {
        TollgateEngine engine = engine(oauth2Config());
        oauth2.simulator().faults().malformedBody("<html>maintenance</html>");

        CredentialsUnverifiedException e = assertThrows(CredentialsUnverifiedException.class,
                () -> verify(engine, "api", Map.of("client-id", METRICS_CLIENT_ID, "client-secret", METRICS_CLIENT_SECRET)));

        assertEquals(Reason.VENDOR_UNAVAILABLE, e.reason());
    }

    @Test
    void aTokenEndpointThatTricklesItsAnswerCannotHoldTheCallerPastTheTimeouts() {
        TollgateEngine engine = engine(oauth2Config()
                .and("tollgate.api.connect-timeout", "PT0.5S")
                .and("tollgate.api.read-timeout", "PT0.5S"));
        CountDownLatch stop = new CountDownLatch(1);
        try {
            oauth2.simulator().faults().trickle(Duration.ofMillis(100), stop);

            CredentialsUnverifiedException e = assertTimeoutPreemptively(SAFETY_NET, () -> assertThrows(
                    CredentialsUnverifiedException.class,
                    () -> verify(engine, "api", Map.of("client-id", METRICS_CLIENT_ID, "client-secret", METRICS_CLIENT_SECRET))));

            assertEquals(Reason.VENDOR_UNAVAILABLE, e.reason());
        } finally {
            stop.countDown();
        }
    }

    @Test
    void aCredentialTheVendorWantsRevokedIsRevokedOnceVerified() throws InterruptedException {
        RevokingSource source = new RevokingSource();
        TollgateEngine engine = engine(TestConfig.with("tollgate.rv.provider", "revoking")
                .and("tollgate.rv.base-url", "https://api.example.com/"), verifiedByObtaining(source));

        verify(engine, "rv", Map.of("api-token", ACME_SANDBOX_TOKEN));

        assertTrue(source.revoked.await(SAFETY_NET.toSeconds(), TimeUnit.SECONDS), "revoked after the verification");
        assertEquals(List.of(ACME_SANDBOX_TOKEN), source.revokedValues);
        assertEquals(0, engine.cache().size());
    }

    @Test
    void aProtocolWithoutVerificationSendsNothing() {
        TollgateEngine engine = engine(TestConfig.with("tollgate.plain.provider", StaticBearerProvider.ID)
                .and("tollgate.plain.base-url", taxjar.sandboxUrl()), new StaticBearerProvider());

        assertDoesNotThrow(() -> verify(engine, "plain", Map.of("api-token", WRONG_TOKEN)));
        assertEquals(0, taxjar.journal().requests().size());
    }

    @Test
    void theVerifierWithoutTheEnginesThreadsWorksAlike() {
        TollgateEngine engine = engine(taxjarConfig());
        BoundClient bound = engine.bound("taxjar");

        new CredentialVerifier().verify(bound, candidate(bound, Map.of("api-token", ACME_SANDBOX_TOKEN)));
        assertThrows(CredentialsRejectedException.class,
                () -> new CredentialVerifier().verify(bound, candidate(bound, Map.of("api-token", WRONG_TOKEN))));
    }

    // -- helpers

    /** What a message shows of a loopback server's URLs: {@code http://127.0.0.1:port}. */
    private static String origin(LoopbackServer server) {
        return "http://127.0.0.1:" + server.baseUri().getPort();
    }

    private TestConfig taxjarConfig() {
        return TestConfig.with("tollgate.taxjar.provider", VerifiedBearer.ID).and("tollgate.taxjar.base-url", taxjar.sandboxUrl());
    }

    private TestConfig oauth2Config() {
        return TestConfig.with("tollgate.api.provider", VerifiedClientCredentials.ID)
                .and("tollgate.api.base-url", oauth2.url("oauth2/"))
                .and("tollgate.api.token-url", oauth2.url("oauth2/token"));
    }

    /** The candidate's token, with a base URL at the unreliable vendor in {@code mode}. */
    private Map<String, String> unreliable(String mode, String token) {
        return Map.of("api-token", token, "base-url", unreliableServer.url("unreliable/" + mode + "/v2/"));
    }

    private TollgateEngine engine(TestConfig config, AuthProvider... providers) {
        List<AuthProvider> all = providers.length > 0 ? List.of(providers)
                : List.of(new VerifiedBearer(), new VerifiedClientCredentials());
        TollgateEngine engine = TollgateEngine.builder().config(config.build()).clock(harness.clock)
                .sleeper(harness.sleeper).providers(all).build();
        harness.closeAfter(engine::close);
        return engine;
    }

    /** Provider {@code revoking}: every request carries {@code source}'s credential, verified by obtaining it. */
    private static AuthProvider verifiedByObtaining(CredentialSource source) {
        return new AuthProvider() {
            @Override
            public String id() {
                return "revoking";
            }

            @Override
            public ClientProtocol bind(TenantSettings clientSettings) {
                return ClientProtocol.always(source).verifiedByObtaining();
            }
        };
    }

    private static ConfiguredSettings candidate(BoundClient bound, Map<String, String> values) {
        return bound.settings("").forStoredTenant("newco", values, bound.provider().defaultBaseUrl());
    }

    private void verify(TollgateEngine engine, String client, Map<String, String> values) {
        BoundClient bound = engine.bound(client);
        new CredentialVerifier(harness.clock, threads).verify(bound, candidate(bound, new HashMap<>(values)));
    }

    private static void assertNoSecret(TollgateException e, String secret) {
        List<String> secrets = List.of(secret);
        assertFalse(SecretScan.containsAny(e.getMessage(), secrets), e.getMessage());
        assertFalse(SecretScan.containsAny(e.toString(), secrets), e.toString());
        if (e instanceof CredentialsRejectedException r) {
            assertFalse(SecretScan.containsAny(r.vendorDetail().orElse(""), secrets));
        }
        if (e instanceof CredentialsUnverifiedException u) {
            assertFalse(SecretScan.containsAny(u.vendorDetail().orElse(""), secrets));
        }
        assertEquals(null, e.getCause(), "no cause that could quote what was sent");
    }

    /** TaxJar's flat error body's {@code detail}. */
    private static Optional<String> detail(String body) {
        Matcher m = Pattern.compile("\"detail\":\"([^\"]*)\"").matcher(body);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The static bearer token, verified the way TaxJar's guide says: a read of its categories. */
    static final class VerifiedBearer implements AuthProvider {
        static final String ID = "verified-bearer";

        @Override
        public String id() {
            return ID;
        }

        @Override
        public ClientProtocol bind(TenantSettings clientSettings) {
            return ((UniformProtocol) new StaticBearerProvider().bind(clientSettings))
                    .errorDetail(CredentialVerifierTest::detail)
                    .credentialRefusal(body -> detail(body).filter(d -> d.contains("other environment")))
                    .tenantKeys(List.of(TenantKey.secret("api-token", "API token")))
                    .verification(settings -> CredentialVerification.request("GET", "/categories"));
        }
    }

    /** Client credentials a tenant brings, verified by obtaining a token. */
    static final class VerifiedClientCredentials implements AuthProvider {
        static final String ID = "verified-client-credentials";

        @Override
        public String id() {
            return ID;
        }

        @Override
        public ClientProtocol bind(TenantSettings clientSettings) {
            return ((UniformProtocol) new ClientCredentialsProvider().bind(clientSettings))
                    .tenantKeys(List.of(TenantKey.plain("client-id", "client id"), TenantKey.secret("client-secret", "client secret")))
                    .verifiedByObtaining();
        }
    }

    /** A configured token that the vendor wants revoked when no longer used; records revocations. */
    private static final class RevokingSource implements CredentialSource {
        final CountDownLatch revoked = new CountDownLatch(1);
        final List<String> revokedValues = new CopyOnWriteArrayList<>();
        final java.util.concurrent.atomic.AtomicInteger obtained = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public String name() {
            return "api-token";
        }

        @Override
        public Credential obtain(TokenContext context) {
            obtained.incrementAndGet();
            return Credential.permanent(context.settings().requireTenantSecret("api-token", "token"));
        }

        @Override
        public boolean revokesOnShutdown(TenantSettings settings) {
            return true;
        }

        @Override
        public void revoke(TokenContext context, Credential credential) {
            revokedValues.add(credential.value().reveal());
            revoked.countDown();
        }

        @Override
        public Map<String, String> headers(Credential credential) {
            return Map.of("Authorization", "Bearer " + credential.value().reveal());
        }
    }

    /** A protocol that answers as another does, for tests that change one of its answers. */
    private static class DelegatingProtocol implements ClientProtocol {
        private final ClientProtocol delegate;

        DelegatingProtocol(ClientProtocol delegate) {
            this.delegate = delegate;
        }

        @Override
        public List<CredentialSource> credentialsFor(dev.tollgate.spi.OutgoingRequest request) {
            return delegate.credentialsFor(request);
        }

        @Override
        public CredentialVerification verification(TenantSettings settings) {
            return delegate.verification(settings);
        }

        @Override
        public void validate(TenantSettings settings) {
            delegate.validate(settings);
        }
    }
}
