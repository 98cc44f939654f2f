package dev.tollgate.engine;

import static dev.tollgate.testkit.simulator.oauth2.OAuth2Fixture.METRICS_CLIENT_ID;
import static dev.tollgate.testkit.simulator.oauth2.OAuth2Fixture.METRICS_CLIENT_SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.TokenAcquisitionException;
import dev.tollgate.api.TollgateException;
import dev.tollgate.engine.fake.ClientCredentialsProvider;
import dev.tollgate.engine.testing.EngineHarness;
import dev.tollgate.engine.testing.OAuth2Loopback;
import dev.tollgate.testkit.config.TestConfig;
import jakarta.ws.rs.client.Client;
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
 * A failing token endpoint: bounded retries with backoff, Retry-After, cooldown, recovery. How a
 * provider reads a refusal or a malformed answer is its own test (providers/oauth2, OAuth2TokenAnswersTest).
 */
class TokenEndpointFailureTest {

    @RegisterExtension
    final EngineHarness harness = new EngineHarness();
    private final OAuth2Loopback oauth2 = harness.oauth2();

    /** Client {@code api} of the fake client-credentials provider, against the simulated authorization server. */
    private TestConfig config(String clientId, String clientSecret) {
        return oauth2.config(ClientCredentialsProvider.ID, clientId, clientSecret);
    }

    private Client client(TollgateEngine engine) {
        return harness.client(engine, OAuth2Loopback.CLIENT);
    }

    private Client client() {
        return client(harness.engine(config(METRICS_CLIENT_ID, METRICS_CLIENT_SECRET)));
    }

    @Test
    void twoServerErrorsThenSuccessIsASuccessAfterTwoBackoffs() {
        oauth2.simulator().faults().status(500).status(500);
        assertEquals(200, oauth2.call(client()));
        assertEquals(3, oauth2.simulator().tokenRequests());
        assertEquals(2, harness.sleeper.waits().size());
        assertTrue(harness.sleeper.waits().get(1).compareTo(harness.sleeper.waits().get(0).dividedBy(2)) >= 0, "backoff should grow: " + harness.sleeper.waits());
    }

    @Test
    void retryAfterIsWaitedAsTold() {
        oauth2.simulator().faults().tooManyRequests(Duration.ofSeconds(3));
        assertEquals(200, oauth2.call(client()));
        assertEquals(2, oauth2.simulator().tokenRequests());
        assertEquals(1, harness.sleeper.waits().size());
        assertTrue(harness.sleeper.waits().get(0).compareTo(Duration.ofSeconds(3)) >= 0, "waited less than Retry-After: " + harness.sleeper.waits());
    }

    @Test
    void aRetryAfterLongerThanTheLongestBackoffEndsTheFetchAndCoolsDownUntilThen() {
        Client client = client();
        oauth2.simulator().faults().tooManyRequests(Duration.ofSeconds(60));
        TokenAcquisitionException e = assertThrows(TokenAcquisitionException.class, () -> oauth2.call(client));
        assertEquals(Duration.ofSeconds(60), e.retryAfter().orElseThrow());
        assertTrue(e.getMessage().contains("HTTP 429"), e.getMessage());
        assertEquals(1, oauth2.simulator().tokenRequests());

        harness.clock.advance(Duration.ofSeconds(59));
        assertThrows(TokenAcquisitionException.class, () -> oauth2.call(client));
        assertEquals(1, oauth2.simulator().tokenRequests(), "called the endpoint before its Retry-After");
        harness.clock.advance(Duration.ofSeconds(2));
        assertEquals(200, oauth2.call(client));
        assertEquals(2, oauth2.simulator().tokenRequests());
    }

    @Test
    void anEndpointThatAlwaysFailsIsCalledABoundedNumberOfTimesBy64CallersAndTheAppRecovers() throws Exception {
        Client client = client();
        oauth2.simulator().faults().failAlways(503);
        ExecutorService pool = Executors.newFixedThreadPool(64);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Throwable>> calls = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                calls.add(pool.submit(() -> {
                    start.await();
                    try {
                        oauth2.call(client);
                        return null;
                    } catch (RuntimeException e) {
                        return e;
                    }
                }));
            }
            start.countDown();
            for (Future<Throwable> call : calls) {
                Throwable failure = call.get(30, TimeUnit.SECONDS);
                assertInstanceOf(TokenAcquisitionException.class, TollgateException.in(failure).orElse(null), String.valueOf(failure));
            }
        } finally {
            pool.shutdownNow();
        }
        int afterStorm = oauth2.simulator().tokenRequests();
        System.out.println("failing endpoint: 64 callers, " + afterStorm + " token requests");
        assertEquals(4, afterStorm, "64 callers share one fetch of at most 4 attempts (token-max-attempts)");

        // during the cooldown nobody calls the endpoint
        for (int i = 0; i < 10; i++) {
            assertThrows(TokenAcquisitionException.class, () -> oauth2.call(client));
        }
        assertEquals(afterStorm, oauth2.simulator().tokenRequests());

        // the endpoint recovers; after the cooldown the next call gets a token
        oauth2.simulator().faults().clear();
        harness.clock.advance(Duration.ofSeconds(6));
        assertEquals(200, oauth2.call(client));
    }

    @Test
    void whileTheOldTokenIsValidItKeepsBeingServedThroughAFailingRefresh() throws InterruptedException {
        Client client = client();
        assertEquals(200, oauth2.call(client));
        oauth2.simulator().faults().failAlways(503);
        harness.clock.advance(Duration.ofMinutes(4) .plusSeconds(20)); // stale: 40 s left of 5 minutes
        for (int i = 0; i < 20; i++) {
            assertEquals(200, oauth2.call(client), "a valid token was not served while refresh failed");
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (oauth2.simulator().tokenRequests() < 5 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        for (int i = 0; i < 20; i++) {
            assertEquals(200, oauth2.call(client));
        }
        // one background fetch of at most 4 attempts; the cooldown keeps the other 39 calls off the endpoint
        assertEquals(1 + 4, oauth2.simulator().tokenRequests());
        harness.clock.advance(Duration.ofMinutes(1)); // now expired, endpoint still down
        assertThrows(TokenAcquisitionException.class, () -> oauth2.call(client));
    }
}
