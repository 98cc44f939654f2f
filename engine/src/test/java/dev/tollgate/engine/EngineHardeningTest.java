package dev.tollgate.engine;

import static dev.tollgate.testkit.simulator.oauth2.OAuth2Fixture.BILLING_CLIENT_ID;
import static dev.tollgate.testkit.simulator.oauth2.OAuth2Fixture.BILLING_CLIENT_SECRET;
import static dev.tollgate.testkit.simulator.oauth2.OAuth2Fixture.METRICS_CLIENT_ID;
import static dev.tollgate.testkit.simulator.oauth2.OAuth2Fixture.METRICS_CLIENT_SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.TokenAcquisitionException;
import dev.tollgate.api.TollgateConfigException;
import dev.tollgate.api.TollgateException;
import dev.tollgate.engine.fake.ClientCredentialsProvider;
import dev.tollgate.engine.testing.EngineHarness;
import dev.tollgate.engine.testing.OAuth2Loopback;
import dev.tollgate.testkit.config.TestConfig;
import jakarta.ws.rs.client.Client;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The engine's promises under a slow or lying token endpoint, a typo in its keys, an
 * interrupted caller and a shutdown: every caller gets an answer in bounded time, a refresh token
 * is presented at most once, and recovery after an outage does not wait out a long cooldown.
 * Each waits on its callers with a generous bound (a safety net, not a timing), so that a caller
 * that would wait forever fails the test instead of hanging it.
 */
class EngineHardeningTest {

    private static final int SAFETY_NET_SECONDS = 20;

    @RegisterExtension
    final EngineHarness harness = new EngineHarness();
    private final OAuth2Loopback oauth2 = harness.oauth2();
    private final ExecutorService callers = Executors.newCachedThreadPool();

    /** Client {@code api} of the fake client-credentials provider, against the simulated authorization server. */
    private TestConfig config(String clientId, String clientSecret) {
        return oauth2.config(ClientCredentialsProvider.ID, clientId, clientSecret);
    }

    private Client client(TollgateEngine engine) {
        return harness.client(engine, OAuth2Loopback.CLIENT);
    }

    @AfterEach
    void stop() {
        callers.shutdownNow();
    }

    private Client client(TestConfig config) {
        return client(harness.engine(config));
    }

    /** Runs a call on its own thread; the future holds the status, or the exception it threw. */
    private Future<Object> callAsync(Client client) {
        return callers.submit(() -> {
            try {
                return oauth2.call(client);
            } catch (RuntimeException e) {
                return e;
            }
        });
    }

    private static Object answer(Future<Object> call) throws Exception {
        return call.get(SAFETY_NET_SECONDS, TimeUnit.SECONDS);
    }

    // case 2: every engine key is checked when the application is deployed

    @ParameterizedTest
    @CsvSource({
            "token-failure-cooldown, 5s",
            "token-max-attempts, 0",
            "token-retry-backoff, soon",
            "token-retry-max-backoff, -PT1S",
            "token-fetch-timeout, PT0S",
            "connect-timeout, PT0S",
            "connect-timeout, PT0.0001S", // under a millisecond: 0 ms, which a JAX-RS client reads as no timeout
            "read-timeout, PT0.0009S",
            "read-timeout, 10",
            "refresh-before, 1m"})
    void aMistypedEngineKeyIsADeploymentErrorThatNamesTheKey(String key, String value) {
        TollgateEngine engine = harness.engine(config(METRICS_CLIENT_ID, METRICS_CLIENT_SECRET).and("tollgate.api." + key, value));
        List<TollgateConfigException> problems = engine.validate("api");
        assertEquals(1, problems.size(), String.valueOf(problems));
        assertTrue(problems.get(0).getMessage().contains("tollgate.api." + key), problems.get(0).getMessage());
    }

    @Test
    void aFetchThatFailsOnAMistypedKeyStillAnswersEveryCaller() throws Exception {
        // not validated (a plain-Java engine nobody checked): the first failure reads the bad key
        Client client = client(config(METRICS_CLIENT_ID, METRICS_CLIENT_SECRET).and("tollgate.api.token-failure-cooldown", "5s"));
        oauth2.simulator().faults().failAlways(503);
        List<Future<Object>> calls = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            calls.add(callAsync(client));
        }
        for (Future<Object> call : calls) {
            assertInstanceOf(TollgateException.class, answer(call), "every caller gets an answer, none waits forever");
        }
        oauth2.simulator().faults().clear();
        Object later = answer(callAsync(client));
        assertInstanceOf(TollgateException.class, later, "the bad key keeps failing the fetch, and says so: " + later);
        assertTrue(((Exception) later).getMessage().contains("tollgate.api.token-failure-cooldown"), ((Exception) later).getMessage());
    }

    // case 4: a refresh token is presented at most once, whatever became of its answer

    @Test
    void aRefreshWhoseAnswerWasLostIsFollowedByANewGrantNeverByTheSameRefreshToken() throws Exception {
        Client client = client(config(BILLING_CLIENT_ID, BILLING_CLIENT_SECRET).and("tollgate.api.read-timeout", "PT0.3S"));
        assertEquals(200, oauth2.call(client));
        harness.clock.advance(Duration.ofHours(1)); // expired: the next call refreshes
        // the server rotates the refresh token after the client has given up on the answer
        oauth2.simulator().faults().delay(Duration.ofMillis(900));
        assertEquals(200, oauth2.call(client), "a lost refresh answer is followed by a new grant in the same fetch");
        waitUntilSimulatorIdle();
        harness.clock.advance(Duration.ofHours(1));
        assertEquals(200, oauth2.call(client));

        assertEquals(0, oauth2.simulator().reusedRefreshTokens(), "a refresh token was presented twice");
        assertEquals(2, oauth2.simulator().grants("client_credentials"), "the first grant and the one after the lost refresh");
        assertEquals(2, oauth2.simulator().grants("refresh_token"), "the lost one, and one with the new grant's token");
    }

    @Test
    void aRefreshAnswerThatCannotBeReadIsFollowedByANewGrantNeverByTheSameRefreshToken() {
        Client client = client(config(BILLING_CLIENT_ID, BILLING_CLIENT_SECRET));
        assertEquals(200, oauth2.call(client));
        harness.clock.advance(Duration.ofHours(1));
        oauth2.simulator().faults().malformedBody("{\"access_token\": 42}");
        assertEquals(200, oauth2.call(client));
        harness.clock.advance(Duration.ofHours(1));
        assertEquals(200, oauth2.call(client));

        assertEquals(0, oauth2.simulator().reusedRefreshTokens());
        assertEquals(2, oauth2.simulator().grants("client_credentials"));
    }

    /** The delayed request ends on the server's side after the client gave up; wait for it. */
    private void waitUntilSimulatorIdle() throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(SAFETY_NET_SECONDS);
        while (oauth2.simulator().grants("refresh_token") < 1 && System.nanoTime() < end) {
            Thread.sleep(20);
        }
    }

    // case 6: a whole fetch has a deadline, which no trickling endpoint can stretch

    @Test
    void anEndpointThatTricklesItsAnswerFailsEveryCallerAtTheFetchDeadline() throws Exception {
        Client client = client(config(METRICS_CLIENT_ID, METRICS_CLIENT_SECRET)
                .and("tollgate.api.token-fetch-timeout", "PT1S")
                .and("tollgate.api.read-timeout", "PT0.5S"));
        CountDownLatch stop = new CountDownLatch(1);
        try {
            oauth2.simulator().faults().trickle(Duration.ofMillis(100), stop);
            List<Future<Object>> calls = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                calls.add(callAsync(client));
            }
            for (Future<Object> call : calls) {
                Object result = answer(call);
                assertInstanceOf(TokenAcquisitionException.class, result, String.valueOf(result));
                assertTrue(((Exception) result).getMessage().contains("token-fetch-timeout"), ((Exception) result).getMessage());
            }
            assertEquals(1, oauth2.simulator().tokenRequests(), "callers shared the one fetch");
        } finally {
            stop.countDown();
        }
    }

    /**
     * With a sleeper that really sleeps (as in production), a wait between attempts was counted
     * twice against token-fetch-timeout (the real time gone, and the wait as asked): after a
     * Retry-After of 2 s within a 3 s deadline the fetch gave up without the attempt it waited for.
     */
    @Test
    void aWaitBetweenAttemptsIsCountedOnceAgainstTheFetchDeadline() {
        Sleeper realSleep = duration -> {
            Thread.sleep(duration.toMillis());
            harness.clock.advance(duration);
        };
        TollgateEngine engine = harness.engine(config(METRICS_CLIENT_ID, METRICS_CLIENT_SECRET)
                .and("tollgate.api.token-fetch-timeout", "PT3S"), realSleep);
        Client client = client(engine);
        try {
            oauth2.simulator().faults().tooManyRequests(Duration.ofSeconds(2));
            assertEquals(200, oauth2.call(client), "the fetch waited 2 s as told, then gave up with 1 s left");
            assertEquals(2, oauth2.simulator().tokenRequests());
        } finally {
            engine.close();
        }
    }

    // case 7: closing the engine leaves nobody waiting

    @Test
    void closingTheEngineAnswersEveryWaitingCallerAtOnceAndRefusesLaterCalls() throws Exception {
        TollgateEngine engine = harness.engine(config(METRICS_CLIENT_ID, METRICS_CLIENT_SECRET));
        Client client = client(engine);
        CountDownLatch release = new CountDownLatch(1);
        try {
            oauth2.simulator().faults().hold(release);
            List<Future<Object>> calls = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                calls.add(callAsync(client));
            }
            awaitTokenRequests(1);
            engine.close();
            for (Future<Object> call : calls) {
                Object result = answer(call); // the held endpoint has not answered: only close() can have
                assertInstanceOf(TokenAcquisitionException.class, result, String.valueOf(result));
                assertTrue(((Exception) result).getMessage().contains("closed"), ((Exception) result).getMessage());
            }
            TokenAcquisitionException later = assertThrows(TokenAcquisitionException.class, () -> oauth2.call(client));
            assertTrue(later.getMessage().contains("closed"), later.getMessage());
        } finally {
            release.countDown();
        }
    }

    private void awaitTokenRequests(int count) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(SAFETY_NET_SECONDS);
        while (oauth2.simulator().tokenRequests() < count && System.nanoTime() < end) {
            Thread.sleep(5);
        }
        assertEquals(count, oauth2.simulator().tokenRequests());
    }

    // case 9: an interrupt is one caller's business

    @Test
    void anInterruptedCallerGetsItsOwnExceptionAndTheFetchGoesOnForTheOthers() throws Exception {
        CountDownLatch retrying = new CountDownLatch(1);
        CountDownLatch resume = new CountDownLatch(1);
        Sleeper waitForTest = duration -> {
            retrying.countDown();
            if (!resume.await(SAFETY_NET_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never resumed the retry");
            }
            harness.clock.advance(duration);
        };
        TollgateEngine engine = harness.engine(config(METRICS_CLIENT_ID, METRICS_CLIENT_SECRET), waitForTest);
        Client client = client(engine);
        try {
            oauth2.simulator().faults().status(503); // the first attempt fails, the fetch waits to retry
            AtomicBoolean interruptKept = new AtomicBoolean();
            Future<Object> interrupted = callers.submit(() -> {
                try {
                    return oauth2.call(client);
                } catch (RuntimeException e) {
                    interruptKept.set(Thread.currentThread().isInterrupted());
                    return e;
                }
            });
            assertTrue(retrying.await(SAFETY_NET_SECONDS, TimeUnit.SECONDS));
            Future<Object> other = callAsync(client);
            interrupted.cancel(true); // interrupts the caller's thread
            resume.countDown();

            assertEquals(200, answer(other), "the other caller got the token the fetch went on to obtain");
            assertEquals(200, oauth2.call(client), "no cooldown was left behind");
            assertEquals(2, oauth2.simulator().tokenRequests(), "the failed attempt and its retry, nothing more");
        } finally {
            resume.countDown();
            engine.close();
        }
    }

    // case 12: after an outage, recovery within one probe step; a bounded number of requests meanwhile

    @Test
    void afterAnOutageTheFirstCallSucceedsWithinOneProbeStepAndTheDeadEndpointSeesFewRequests() {
        Client client = client(config(METRICS_CLIENT_ID, METRICS_CLIENT_SECRET)
                .and("tollgate.api.token-failure-cooldown", "PT30S"));
        oauth2.simulator().faults().failAlways(503);
        Instant down = harness.clock.instant();
        int failed = 0;
        while (harness.clock.instant().isBefore(down.plusSeconds(8))) { // 8 s down, a caller every 100 ms
            assertThrows(TokenAcquisitionException.class, () -> oauth2.call(client));
            failed++;
            harness.clock.advance(Duration.ofMillis(100));
        }
        int requestsWhileDown = oauth2.simulator().tokenRequests();
        oauth2.simulator().faults().clear();
        Instant back = harness.clock.instant();
        while (!succeeds(client)) { // a caller every 100 ms until one gets through
            harness.clock.advance(Duration.ofMillis(100));
        }
        Duration recovery = Duration.between(back, harness.clock.instant());
        System.out.println("outage of 8 s: " + failed + " calls failed, " + requestsWhileDown
                + " token requests; first success " + recovery.toMillis() + " ms after the endpoint was back");
        // the probes doubled from 0.2 s: the step in force when the endpoint came back is at most 6.4 s,
        // not the 30 s cooldown that is their cap
        assertTrue(recovery.compareTo(Duration.ofMillis(6400)) <= 0, "recovered only after " + recovery);
        assertTrue(requestsWhileDown <= 4 + 8, "a dead endpoint got " + requestsWhileDown + " token requests in 8 s");
        assertFalse(requestsWhileDown < 5, "no probe at all was made while the endpoint was down");
    }

    /**
     * A lying endpoint (or a proxy in front of it) answers 429 with a Retry-After of a year: a
     * Retry-After is honoured, but no endpoint may shut every caller out for good, so within an
     * hour a probe goes out and the endpoint, back to normal, gives a token.
     */
    @Test
    void aRetryAfterOfAYearShutsCallersOutForAnHourAtMost() {
        Client client = client(config(METRICS_CLIENT_ID, METRICS_CLIENT_SECRET)
                .and("tollgate.api.token-failure-cooldown", "PT30S"));
        oauth2.simulator().faults().tooManyRequests(Duration.ofDays(365));
        assertThrows(TokenAcquisitionException.class, () -> oauth2.call(client));
        harness.clock.advance(Duration.ofHours(1));
        assertEquals(200, oauth2.call(client), "still shut out an hour later");
        assertEquals(2, oauth2.simulator().tokenRequests());
    }

    /**
     * token-retry-backoff=PT0S (retry at once) must not take the cooldown away: a dead endpoint
     * still sees a bounded number of requests, as with the default backoff.
     */
    @Test
    void withNoRetryBackoffADeadEndpointStillSeesFewRequests() {
        Client client = client(config(METRICS_CLIENT_ID, METRICS_CLIENT_SECRET)
                .and("tollgate.api.token-retry-backoff", "PT0S"));
        oauth2.simulator().faults().failAlways(503);
        Instant down = harness.clock.instant();
        while (harness.clock.instant().isBefore(down.plusSeconds(8))) { // 8 s down, a caller every 100 ms
            assertThrows(TokenAcquisitionException.class, () -> oauth2.call(client));
            harness.clock.advance(Duration.ofMillis(100));
        }
        int requests = oauth2.simulator().tokenRequests();
        assertTrue(requests <= 4 + 8, "a dead endpoint got " + requests + " token requests in 8 s");
    }

    /** False while callers are still refused (the next probe is not due yet). */
    private boolean succeeds(Client client) {
        try {
            return oauth2.call(client) == 200;
        } catch (TokenAcquisitionException stillCooling) {
            return false;
        }
    }
}
