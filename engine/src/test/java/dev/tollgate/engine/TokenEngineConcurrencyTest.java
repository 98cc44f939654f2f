package dev.tollgate.engine;

import static dev.tollgate.testkit.simulator.oauth2.OAuth2Fixture.BILLING_CLIENT_ID;
import static dev.tollgate.testkit.simulator.oauth2.OAuth2Fixture.BILLING_CLIENT_SECRET;
import static dev.tollgate.testkit.simulator.oauth2.OAuth2Fixture.METRICS_CLIENT_ID;
import static dev.tollgate.testkit.simulator.oauth2.OAuth2Fixture.METRICS_CLIENT_SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.engine.fake.ClientCredentialsProvider;
import dev.tollgate.engine.testing.EngineHarness;
import dev.tollgate.engine.testing.Together;
import dev.tollgate.engine.testing.Eventually;
import dev.tollgate.engine.testing.OAuth2Loopback;
import dev.tollgate.testkit.config.TestConfig;
import jakarta.ws.rs.client.Client;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The token engine's single flight, with 64 threads and a clock the test moves: one token request
 * per expiry, never a wait in the refresh window, and a rotating refresh token never used twice.
 */
class TokenEngineConcurrencyTest {

    private static final int THREADS = 64;

    @RegisterExtension
    final EngineHarness harness = new EngineHarness();
    private final OAuth2Loopback oauth2 = harness.oauth2();
    private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);

    /** Client {@code api} of the fake client-credentials provider, against the simulated authorization server. */
    private TestConfig config(String clientId, String clientSecret) {
        return oauth2.config(ClientCredentialsProvider.ID, clientId, clientSecret);
    }

    private Client client(TollgateEngine engine) {
        return harness.client(engine, OAuth2Loopback.CLIENT);
    }

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    private <T> List<T> together(Callable<T> call) throws Exception {
        return Together.run(pool, THREADS, call);
    }

    private Set<String> bearerTokensSeenByTheApi() {
        return oauth2.apiRequests().stream().map(r -> r.header("Authorization").orElse("none")).collect(Collectors.toSet());
    }

    @Test
    void sixtyFourCallersOnAMissingOrExpiredTokenCauseExactlyOneTokenRequest() throws Exception {
        Client client = client(harness.engine(config(METRICS_CLIENT_ID, METRICS_CLIENT_SECRET)));
        CountDownLatch release = new CountDownLatch(1);
        oauth2.simulator().faults().hold(release); // the first token request stays open while callers pile up
        List<Future<Integer>> first = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            first.add(pool.submit(() -> oauth2.call(client)));
        }
        Thread.sleep(200); // let them reach the engine; correctness does not depend on it
        release.countDown();
        for (Future<Integer> f : first) {
            assertEquals(200, f.get(30, TimeUnit.SECONDS));
        }
        assertEquals(1, oauth2.simulator().tokenRequests());

        harness.clock.advance(Duration.ofMinutes(6)); // the 5-minute token has expired
        assertTrue(together(() -> oauth2.call(client)).stream().allMatch(s -> s == 200));
        assertEquals(2, oauth2.simulator().tokenRequests(), "an expired token must be fetched once for all callers");
        System.out.println("expiry storm: " + 2 * THREADS + " calls, " + oauth2.simulator().tokenRequests() + " token requests");
    }

    @Test
    void inTheRefreshWindowCallersGetTheOldTokenWhileOneSlowRefreshRuns() throws Exception {
        TollgateEngine engine = harness.engine(config(METRICS_CLIENT_ID, METRICS_CLIENT_SECRET)
                .and("tollgate.api.refresh-before", "PT2M"));
        Client client = client(engine);
        assertEquals(200, oauth2.call(client));
        String oldToken = oauth2.apiRequests().get(0).header("Authorization").orElseThrow();

        harness.clock.advance(Duration.ofMinutes(3) .plusSeconds(30)); // stale: 1.5 minutes left
        CountDownLatch release = new CountDownLatch(1);
        oauth2.simulator().faults().hold(release); // the refresh hangs until the test lets it go
        // if any caller waited for the refresh, it would hang here and the futures would time out
        assertTrue(together(() -> oauth2.call(client)).stream().allMatch(s -> s == 200));
        assertEquals(Set.of(oldToken), bearerTokensSeenByTheApi());
        // the callers were answered before the background refresh reached the endpoint: wait for it there
        Eventually.until(() -> oauth2.simulator().tokenRequests() >= 2);
        assertEquals(2, oauth2.simulator().tokenRequests(), "exactly one refresh for 64 callers in the stale window");

        release.countDown();
        Eventually.fetches(engine, 2);
        assertEquals(200, oauth2.call(client));
        assertNotEquals(oldToken, oauth2.apiRequests().get(oauth2.apiRequests().size() - 1).header("Authorization").orElseThrow(),
                "after the refresh, calls carry the new token");
        assertEquals(2, oauth2.simulator().tokenRequests());
    }

    @Test
    void backgroundRefreshesInTheStaleWindowRotateTheRefreshTokenToo() throws Exception {
        TollgateEngine engine = harness.engine(config(BILLING_CLIENT_ID, BILLING_CLIENT_SECRET)
                .and("tollgate.api.refresh-before", "PT10M"));
        Client client = client(engine);
        assertEquals(200, oauth2.call(client));
        for (int cycle = 1; cycle <= 5; cycle++) {
            harness.clock.advance(Duration.ofMinutes(55)); // 5 minutes before expiry: stale
            assertTrue(together(() -> oauth2.call(client)).stream().allMatch(s -> s == 200));
            Eventually.fetches(engine, 1 + cycle);
        }
        assertEquals(1, oauth2.simulator().grants("client_credentials"));
        assertEquals(5, oauth2.simulator().grants("refresh_token"));
    }

    @Test
    void aRefreshThatFailsIsNeverRetriedWithTheSameRefreshTokenButReplacedByANewGrant() throws Exception {
        TollgateEngine engine = harness.engine(config(BILLING_CLIENT_ID, BILLING_CLIENT_SECRET)
                .and("tollgate.api.refresh-before", "PT10M"));
        Client client = client(engine);
        assertEquals(200, oauth2.call(client));
        harness.clock.advance(Duration.ofMinutes(55)); // stale
        oauth2.simulator().faults().status(503);
        assertEquals(200, oauth2.call(client), "the still-valid token is served while the refresh runs");
        Eventually.fetches(engine, 2);
        // the server may have rotated the refresh token before failing: it is not presented again
        assertEquals(3, oauth2.simulator().tokenRequests(), "the grant, one refresh attempt (503, no retry), a new grant");
        assertEquals(2, oauth2.simulator().grants("client_credentials"), "a new grant took the failed refresh's place");

        harness.clock.advance(Duration.ofMinutes(55)); // stale again: the new grant's refresh token works
        assertEquals(200, oauth2.call(client));
        Eventually.fetches(engine, 3);
        assertEquals(1, oauth2.simulator().grants("refresh_token"), "the faulted refresh is not counted as a grant");
        assertEquals(4, oauth2.simulator().tokenRequests());
    }

    @Test
    void aRefusedRefreshTokenFallsBackToANewGrant() throws Exception {
        Client client = client(harness.engine(config(BILLING_CLIENT_ID, BILLING_CLIENT_SECRET)));
        assertEquals(200, oauth2.call(client));
        harness.clock.advance(Duration.ofMinutes(61)); // expired: the caller waits for the fetch
        oauth2.simulator().faults().status(400);        // invalid_grant for the refresh token
        assertEquals(200, oauth2.call(client));
        assertEquals(2, oauth2.simulator().grants("client_credentials"));
        assertEquals(3, oauth2.simulator().tokenRequests());
    }

    @Test
    void aRotatingRefreshTokenIsNeverUsedTwiceEvenUnderConcurrentRefreshes() throws Exception {
        // billing-service: 1-hour tokens, refresh tokens that rotate; reuse answers invalid_grant
        Client client = client(harness.engine(config(BILLING_CLIENT_ID, BILLING_CLIENT_SECRET)
                .and("tollgate.api.token-failure-cooldown", "PT0S")));
        assertEquals(200, oauth2.call(client));
        int cycles = 10;
        for (int i = 0; i < cycles; i++) {
            harness.clock.advance(Duration.ofMinutes(61)); // expired: callers share one refresh
            assertTrue(together(() -> oauth2.call(client)).stream().allMatch(s -> s == 200));
        }
        // one client-credentials grant, then one refresh per cycle; a reused refresh token would
        // have been refused (invalid_grant) and forced an extra client-credentials grant
        assertEquals(1, oauth2.simulator().grants("client_credentials"));
        assertEquals(cycles, oauth2.simulator().grants("refresh_token"));
        assertEquals(1 + cycles, oauth2.simulator().tokenRequests());
        assertEquals(0, harness.journal.requests().stream().filter(r -> r.path().endsWith("/token") && r.status() != 200).count(),
                "the authorization server refused a token request: a refresh token was reused");
    }
}
