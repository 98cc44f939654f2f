package dev.tollgate.suites;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tollgate.api.TokenAcquisitionException;
import dev.tollgate.api.TollgateException;
import jakarta.ws.rs.client.Client;
import dev.tollgate.testkit.log.IssuedTokens;
import dev.tollgate.testkit.log.SecretScan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every expiring-token provider against its simulator's token endpoint failing in each way a
 * real one can: each call ends with a valid token or the family's exception, the endpoint is asked
 * a bounded number of times, and the application works again once the endpoint recovers.
 */
class TokenEndpointFaultSuiteTest {

    /** vendor → fault → "outcome, token requests", printed at the end. */
    private static final Map<String, Map<String, String>> COUNTS = new ConcurrentHashMap<>();

    static Iterable<String> vendors() {
        return Vendor.names();
    }

    static final AtomicInteger MESSAGES_SCANNED = new AtomicInteger();

    @AfterAll
    static void print() {
        System.out.println("fault suite: " + MESSAGES_SCANNED.get() + " exception messages (and causes) scanned for secrets"
                + " and issued tokens: 0 found");
        COUNTS.forEach((vendor, faults) -> faults.forEach((fault, outcome) ->
                System.out.println("fault suite: " + vendor + ", " + fault + ": " + outcome)));
    }

    private static void record(Vendor vendor, String fault, String outcome, int tokenRequests) {
        COUNTS.computeIfAbsent(vendor.name, v -> new LinkedHashMap<>()).put(fault, outcome + ", " + tokenRequests + " token requests");
    }

    /**
     * The call's status, or the Tollgate exception it ended with; anything else fails the test, and
     * so does a message that holds a configured secret or any token a simulator issued.
     */
    static Object outcome(Vendor vendor, Client client) {
        try {
            return vendor.call(client);
        } catch (RuntimeException e) {
            TollgateException tollgate = TollgateException.in(e).orElse(null);
            if (tollgate == null) {
                fail(vendor + ": a call ended with " + e + ", which is not in Tollgate's family");
            }
            assertNoSecretIn(vendor, tollgate);
            return tollgate;
        }
    }

    static void assertNoSecretIn(Vendor vendor, Throwable thrown) {
        List<String> secrets = new ArrayList<>(vendor.secrets());
        try {
            secrets.addAll(IssuedTokens.read());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (SecretScan.containsAny(t.getMessage(), secrets)) {
                fail(vendor + ": an exception message holds a secret or an issued token (" + t.getClass().getSimpleName() + ")");
            }
        }
        MESSAGES_SCANNED.incrementAndGet();
    }

    /** After a failure: the endpoint recovers, the cooldown passes, the next call works. */
    private static void recovers(Vendor vendor, Client client) {
        vendor.faults.clear();
        vendor.clock.advance(Duration.ofSeconds(2));
        assertEquals(200, vendor.call(client), vendor + " did not recover");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vendors")
    void transientFailuresAreRetriedUntilATokenComes(String name) {
        try (Vendor vendor = Vendor.named(name)) {
            Map<String, Runnable> faults = new LinkedHashMap<>();
            faults.put("500 once", () -> vendor.faults.status(500));
            faults.put("503 twice", () -> vendor.faults.status(503).status(503));
            faults.put("429 with Retry-After 1 s", () -> vendor.faults.tooManyRequests(Duration.ofSeconds(1)));
            faults.put("429 without Retry-After", () -> vendor.faults.tooManyRequests(null));
            faults.put("slow (0.3 s, within the read timeout)", () -> vendor.faults.delay(Duration.ofMillis(300)));
            for (Map.Entry<String, Runnable> fault : faults.entrySet()) {
                Client client = vendor.client();
                int before = vendor.tokenRequests();
                fault.getValue().run();
                Object result = outcome(vendor, client);
                int used = vendor.tokenRequests() - before;
                record(vendor, fault.getKey(), String.valueOf(result), used);
                assertEquals(200, result, vendor + ", " + fault.getKey());
                assertTrue(used <= 3, vendor + ", " + fault.getKey() + ": " + used + " token requests");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vendors")
    void unusableAnswersAreTheFamilysExceptionAndNotRetried(String name) {
        try (Vendor vendor = Vendor.named(name)) {
            Map<String, String> bodies = new LinkedHashMap<>();
            bodies.put("malformed JSON", "{\"access_token\": ");
            bodies.put("not JSON at all", "<html>Service Unavailable</html>");
            bodies.put("wrong types", vendor.wrongTypes);
            bodies.put("missing fields", vendor.missingFields);
            bodies.put("expiry in the past", vendor.pastExpiry.get());
            for (Map.Entry<String, String> body : bodies.entrySet()) {
                Client client = vendor.client();
                int before = vendor.tokenRequests();
                vendor.faults.malformedBody(body.getValue());
                Object result = outcome(vendor, client);
                int used = vendor.tokenRequests() - before;
                record(vendor, body.getKey(), result.getClass().getSimpleName(), used);
                assertInstanceOf(TokenAcquisitionException.class, result, vendor + ", " + body.getKey());
                assertEquals(1, used, vendor + ", " + body.getKey() + ": an unusable answer is not asked again at once");
                recovers(vendor, client);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vendors")
    void anUnreachableOrTimingOutEndpointEndsInABoundedFailure(String name) {
        try (Vendor vendor = Vendor.named(name)) {
            String closed = Vendor.closedPortUrl();
            Client refused = vendor.clientWithTokenEndpointAt(closed);
            Object result;
            try {
                result = vendor.callAt(refused, vendor.callRootFor(closed));
            } catch (RuntimeException e) {
                result = TollgateException.in(e).orElseThrow(() -> e);
                assertNoSecretIn(vendor, (Throwable) result);
            }
            record(vendor, "connection refused", result.getClass().getSimpleName(), 0);
            assertInstanceOf(TokenAcquisitionException.class, result, vendor + ", connection refused");
            assertTrue(((TokenAcquisitionException) result).getMessage().contains("could not be reached"));

            Client client = vendor.client();
            int before = vendor.tokenRequests();
            vendor.faults.delay(Duration.ofMillis(1500)).delay(Duration.ofMillis(1500)).delay(Duration.ofMillis(1500));
            Object timedOut = outcome(vendor, client);
            int used = vendor.tokenRequests() - before;
            record(vendor, "read timeout (1.5 s against 1 s)", timedOut.getClass().getSimpleName(), used);
            assertInstanceOf(TokenAcquisitionException.class, timedOut, vendor + ", read timeout");
            assertEquals(3, used, vendor + ": token-max-attempts bounds the timeouts");
            // the last held request may still be open at the server; give it time, then recover
            vendor.clock.advance(Duration.ofSeconds(2));
            vendor.faults.clear();
            try {
                Thread.sleep(1100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            recovers(vendor, client);
        }
    }
}
