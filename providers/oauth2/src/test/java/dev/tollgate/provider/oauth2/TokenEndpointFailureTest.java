package dev.tollgate.provider.oauth2;

import static dev.tollgate.testkit.simulator.oauth2.OAuth2Fixture.METRICS_CLIENT_ID;
import static dev.tollgate.testkit.simulator.oauth2.OAuth2Fixture.METRICS_CLIENT_SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.CredentialsRejectedException;
import dev.tollgate.api.TokenAcquisitionException;
import dev.tollgate.api.TollgateException;
import jakarta.ws.rs.client.Client;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A failing token endpoint: bounded retries with backoff, Retry-After, cooldown, recovery. */
class TokenEndpointFailureTest {

    private final OAuth2Sandbox sandbox = new OAuth2Sandbox();

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private Client client() {
        return sandbox.client(sandbox.engine(sandbox.config(METRICS_CLIENT_ID, METRICS_CLIENT_SECRET)));
    }

    @Test
    void twoServerErrorsThenSuccessIsASuccessAfterTwoBackoffs() {
        sandbox.simulator.faults().status(500).status(500);
        assertEquals(200, sandbox.call(client()));
        assertEquals(3, sandbox.simulator.tokenRequests());
        assertEquals(2, sandbox.waits.size());
        assertTrue(sandbox.waits.get(1).compareTo(sandbox.waits.get(0).dividedBy(2)) >= 0, "backoff should grow: " + sandbox.waits);
    }

    @Test
    void retryAfterIsWaitedAsTold() {
        sandbox.simulator.faults().tooManyRequests(Duration.ofSeconds(3));
        assertEquals(200, sandbox.call(client()));
        assertEquals(2, sandbox.simulator.tokenRequests());
        assertEquals(1, sandbox.waits.size());
        assertTrue(sandbox.waits.get(0).compareTo(Duration.ofSeconds(3)) >= 0, "waited less than Retry-After: " + sandbox.waits);
    }

    @Test
    void aRetryAfterLongerThanTheLongestBackoffEndsTheFetchAndCoolsDownUntilThen() {
        Client client = client();
        sandbox.simulator.faults().tooManyRequests(Duration.ofSeconds(60));
        TokenAcquisitionException e = assertThrows(TokenAcquisitionException.class, () -> sandbox.call(client));
        assertEquals(Duration.ofSeconds(60), e.retryAfter().orElseThrow());
        assertTrue(e.getMessage().contains("HTTP 429"), e.getMessage());
        assertEquals(1, sandbox.simulator.tokenRequests());

        sandbox.clock.advance(Duration.ofSeconds(59));
        assertThrows(TokenAcquisitionException.class, () -> sandbox.call(client));
        assertEquals(1, sandbox.simulator.tokenRequests(), "called the endpoint before its Retry-After");
        sandbox.clock.advance(Duration.ofSeconds(2));
        assertEquals(200, sandbox.call(client));
        assertEquals(2, sandbox.simulator.tokenRequests());
    }

    @Test
    void anEndpointThatAlwaysFailsIsCalledABoundedNumberOfTimesBy64CallersAndTheAppRecovers() throws Exception {
        Client client = client();
        sandbox.simulator.faults().failAlways(503);
        ExecutorService pool = Executors.newFixedThreadPool(64);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Throwable>> calls = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                calls.add(pool.submit(() -> {
                    start.await();
                    try {
                        sandbox.call(client);
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
        int afterStorm = sandbox.simulator.tokenRequests();
        System.out.println("failing endpoint: 64 callers, " + afterStorm + " token requests");
        assertEquals(4, afterStorm, "64 callers share one fetch of at most 4 attempts (token-max-attempts)");

        // during the cooldown nobody calls the endpoint
        for (int i = 0; i < 10; i++) {
            assertThrows(TokenAcquisitionException.class, () -> sandbox.call(client));
        }
        assertEquals(afterStorm, sandbox.simulator.tokenRequests());

        // the endpoint recovers; after the cooldown the next call gets a token
        sandbox.simulator.faults().clear();
        sandbox.clock.advance(Duration.ofSeconds(6));
        assertEquals(200, sandbox.call(client));
    }

    @Test
    void whileTheOldTokenIsValidItKeepsBeingServedThroughAFailingRefresh() throws InterruptedException {
        Client client = client();
        assertEquals(200, sandbox.call(client));
        sandbox.simulator.faults().failAlways(503);
        sandbox.clock.advance(Duration.ofMinutes(4) .plusSeconds(20)); // stale: 40 s left of 5 minutes
        for (int i = 0; i < 20; i++) {
            assertEquals(200, sandbox.call(client), "a valid token was not served while refresh failed");
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (sandbox.simulator.tokenRequests() < 5 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        for (int i = 0; i < 20; i++) {
            assertEquals(200, sandbox.call(client));
        }
        // one background fetch of at most 4 attempts; the cooldown keeps the other 39 calls off the endpoint
        assertEquals(1 + 4, sandbox.simulator.tokenRequests());
        sandbox.clock.advance(Duration.ofMinutes(1)); // now expired, endpoint still down
        assertThrows(TokenAcquisitionException.class, () -> sandbox.call(client));
    }

    @Test
    void wrongClientCredentialsAreRejectedWithTheServersExplanationAndNotRetried() {
        Client client = sandbox.client(sandbox.engine(sandbox.config(METRICS_CLIENT_ID, "not-the-secret")));
        CredentialsRejectedException e = assertThrows(CredentialsRejectedException.class, () -> sandbox.call(client));
        assertEquals(401, e.status());
        assertTrue(e.vendorDetail().orElseThrow().startsWith("invalid_client"), e.vendorDetail().orElse(""));
        assertTrue(e.getMessage().contains("tollgate.api.client-secret"), e.getMessage());
        assertEquals(1, sandbox.simulator.tokenRequests());
        assertEquals(0, sandbox.apiRequests().size());
    }

    @Test
    void malformedTokenResponsesAreTokenAcquisitionFailuresThatQuoteNothing() {
        Client client = sandbox.client(sandbox.engine(sandbox.config(METRICS_CLIENT_ID, METRICS_CLIENT_SECRET)
                .and("tollgate.api.token-failure-cooldown", "PT0S")));
        String[] bodies = {"not json", "{\"access_token\":\"secret-looking-value\"}", "{\"token_type\":\"Bearer\"}",
                "{\"access_token\":\"x\",\"token_type\":\"mac\",\"expires_in\":60}",
                "{\"access_token\":\"x\",\"token_type\":\"Bearer\",\"expires_in\":\"soon\"}",
                "{\"access_token\":\"a\\r\\nb\",\"token_type\":\"Bearer\",\"expires_in\":60}"};
        for (String body : bodies) {
            sandbox.simulator.faults().malformedBody(body);
            TokenAcquisitionException e = assertThrows(TokenAcquisitionException.class, () -> sandbox.call(client), body);
            assertTrue(!e.getMessage().contains("secret-looking-value"), e.getMessage());
        }
        assertEquals(bodies.length, sandbox.simulator.tokenRequests(), "a malformed answer is not retried");
    }

    @Test
    void aTokenThatExpiresInThePastIsRefused() {
        Client client = client();
        sandbox.simulator.faults().malformedBody("{\"access_token\":\"t\",\"token_type\":\"Bearer\",\"expires_in\":-5}");
        assertThrows(TokenAcquisitionException.class, () -> sandbox.call(client));
    }

    @Test
    void anExpiresInNoTokenLivesIsAnUnusableAnswerNotAProviderFailure() {
        Client client = client();
        sandbox.simulator.faults().malformedBody("{\"access_token\":\"t-0123456789\",\"token_type\":\"Bearer\","
                + "\"expires_in\":9223372036854775807}");
        TokenAcquisitionException e = assertThrows(TokenAcquisitionException.class, () -> sandbox.call(client));
        assertTrue(e.getMessage().contains("the token endpoint's answer is not usable: 'expires_in' ends after the year 9999"),
                e.getMessage());
        assertEquals(1, sandbox.simulator.tokenRequests(), "an unusable answer is not retried");
    }
}
