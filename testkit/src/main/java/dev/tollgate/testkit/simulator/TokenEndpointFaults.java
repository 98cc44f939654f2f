package dev.tollgate.testkit.simulator;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Faults a test schedules for a simulator's token endpoint: the ways a vendor's token endpoint
 * fails that the vendors' documentation tells clients to survive — error statuses, rate limiting (429:
 * providers/elasticpath/PROTOCOL.md, providers/sila/PROTOCOL.md), slowness, and a body that is not the documented JSON.
 * <p>
 * Scheduled faults are used once each, in the order they were scheduled; {@link #failAlways}
 * is sticky and wins over the queue until {@link #clear()}. Simulators call {@link #next()} (or
 * {@link #applyNext}) once per token request, before they look at credentials, so a fault fires
 * whatever the request holds — the request is still recorded and counted. Thread-safe: the
 * client under test may hit the endpoint from several threads.
 */
public final class TokenEndpointFaults {

    /** One fault, as {@link #next()} hands it to a simulator. */
    public sealed interface Fault permits Status, TooManyRequests, Delay, Hold, MalformedBody, Trickle {
    }

    /** Answer with this status and the vendor's own error body. */
    public record Status(int status) implements Fault {
    }

    /** Answer 429; with a {@code Retry-After: <seconds>} header unless {@code retryAfter} is null. */
    public record TooManyRequests(Duration retryAfter) implements Fault {
    }

    /** Sleep for real, then answer normally: the slow endpoint a client timeout must cut off. */
    public record Delay(Duration delay) implements Fault {
    }

    /**
     * Answer normally once {@code release} opens (at most 30 s later): a slow endpoint whose end
     * the test decides, so that "callers did not wait for it" needs no timing.
     */
    public record Hold(CountDownLatch release) implements Fault {
    }

    /** Answer 200 with exactly this body, labelled JSON: a client must not trust a 200 blindly. */
    public record MalformedBody(String rawBody) implements Fault {
    }

    /**
     * Answer 200 at once, then send the body one blank every {@code interval} until {@code stop}
     * opens (at most 60 s): an endpoint no read timeout ends, since every read gets a byte.
     */
    public record Trickle(Duration interval, CountDownLatch stop) implements Fault {
    }

    private final Queue<Fault> scheduled = new ConcurrentLinkedQueue<>();
    private volatile Status always;

    public TokenEndpointFaults status(int status) {
        return schedule(new Status(checkedErrorStatus(status)));
    }

    public TokenEndpointFaults tooManyRequests(Duration retryAfterOrNull) {
        if (retryAfterOrNull != null && retryAfterOrNull.isNegative()) {
            throw new IllegalArgumentException("Retry-After cannot be negative");
        }
        return schedule(new TooManyRequests(retryAfterOrNull));
    }

    public TokenEndpointFaults delay(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("a delay cannot be negative");
        }
        return schedule(new Delay(delay));
    }

    /** The next request is answered only after {@code release} counts down. */
    public TokenEndpointFaults hold(CountDownLatch release) {
        return schedule(new Hold(Objects.requireNonNull(release, "release")));
    }

    public TokenEndpointFaults malformedBody(String rawBody) {
        return schedule(new MalformedBody(Objects.requireNonNull(rawBody, "rawBody")));
    }

    /** The next request's answer trickles in until {@code stop} counts down. */
    public TokenEndpointFaults trickle(Duration interval, CountDownLatch stop) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("a trickle interval is longer than zero");
        }
        return schedule(new Trickle(interval, Objects.requireNonNull(stop, "stop")));
    }

    /** Every token request fails with this status until {@link #clear()}. */
    public TokenEndpointFaults failAlways(int status) {
        always = new Status(checkedErrorStatus(status));
        return this;
    }

    /** Drops the scheduled faults and the sticky one. */
    public void clear() {
        always = null;
        scheduled.clear();
    }

    /** Scheduled faults not used yet (the sticky one not counted). */
    public int pending() {
        return scheduled.size();
    }

    /** The fault for this token request, consuming it unless it is the sticky one. */
    public Optional<Fault> next() {
        Status sticky = always;
        return sticky != null ? Optional.of(sticky) : Optional.ofNullable(scheduled.poll());
    }

    /**
     * Takes the next fault and carries it out: the response it calls for, or empty when the
     * request is to be answered normally (a {@link Delay} has then already been slept).
     *
     * @param vendorError the vendor's error response for a status, so faults keep its body shape
     */
    public Optional<Response> applyNext(IntFunction<Response> vendorError) {
        return applyNext(vendorError, "Retry-After");
    }

    /**
     * {@link #applyNext(IntFunction)} for a vendor that says how long to wait in a header of its own
     * (BigCommerce: {@code X-Retry-After}, seconds).
     */
    public Optional<Response> applyNext(IntFunction<Response> vendorError, String retryAfterHeader) {
        return next().flatMap(fault -> answer(fault, vendorError, retryAfterHeader));
    }

    /** What a fault calls for; see {@link #applyNext}. */
    public static Optional<Response> answer(Fault fault, IntFunction<Response> vendorError) {
        return answer(fault, vendorError, "Retry-After");
    }

    /** What a fault calls for, the wait of a 429 in {@code retryAfterHeader}. */
    public static Optional<Response> answer(Fault fault, IntFunction<Response> vendorError, String retryAfterHeader) {
        if (fault instanceof Status s) {
            return Optional.of(vendorError.apply(s.status()));
        }
        if (fault instanceof TooManyRequests t) {
            Response limited = vendorError.apply(429);
            if (t.retryAfter() == null) {
                return Optional.of(limited);
            }
            return Optional.of(Response.fromResponse(limited)
                    .header(retryAfterHeader, wholeSecondsRoundedUp(t.retryAfter()))
                    .build());
        }
        if (fault instanceof Delay d) {
            sleep(d.delay());
            return Optional.empty();
        }
        if (fault instanceof Hold h) {
            await(h.release());
            return Optional.empty();
        }
        if (fault instanceof Trickle t) {
            StreamingOutput blanks = out -> {
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                // past the server's response buffer, so that the status and headers leave at once
                out.write(("{" + " ".repeat(16 * 1024)).getBytes(StandardCharsets.US_ASCII));
                out.flush();
                while (System.nanoTime() < end && !awaitQuietly(t.stop(), t.interval())) {
                    out.write(' ');
                    out.flush();
                }
            };
            return Optional.of(Response.ok(blanks, MediaType.APPLICATION_JSON_TYPE).build());
        }
        MalformedBody m = (MalformedBody) fault;
        return Optional.of(Response.ok(m.rawBody(), MediaType.APPLICATION_JSON_TYPE).build());
    }

    private TokenEndpointFaults schedule(Fault fault) {
        scheduled.add(fault);
        return this;
    }

    private static int checkedErrorStatus(int status) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("a fault status is 4xx or 5xx, not " + status);
        }
        return status;
    }

    // Retry-After carries whole seconds; rounding down could tell a client to come back too early.
    private static long wholeSecondsRoundedUp(Duration d) {
        long seconds = d.getSeconds();
        return d.getNano() > 0 ? seconds + 1 : seconds;
    }

    private static void await(CountDownLatch release) {
        try {
            release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** True once {@code latch} is open; false after {@code wait} without it. */
    private static boolean awaitQuietly(CountDownLatch latch, Duration wait) {
        try {
            return latch.await(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            // the server is stopping; answer at once rather than swallow the interrupt
            Thread.currentThread().interrupt();
        }
    }
}
