package dev.tollgate.provider.bigcommerce.inbound;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One JSON POST whose whole answer (status, headers and body, at most a bounded number of bytes)
 * is waited for until a deadline. A read timeout bounds each read only: an endpoint sending a byte
 * now and then would otherwise hold the caller for as long as it likes. So the request is sent and
 * its answer read on a thread of its own, which closes the response and the client when it ends;
 * the caller waits for it until the deadline and, past it, leaves it to end on its own (its reads
 * still end at the client's read timeout).
 *
 * <p>Not the JAX-RS async API: what it hands a callback differs by runtime (RESTEasy closes the
 * response once the callback returns, so a body read after it fails), and closing a Jersey client
 * from the caller's thread waits for the request's thread.
 */
final class DeadlinePost {

    /** The answer: its status, and its body when it had one no longer than the bound. */
    record Answer(int status, Optional<byte[]> body) {
    }

    private static final AtomicInteger THREADS = new AtomicInteger();
    /**
     * Requests given up on may outlive their caller for as long as a login service trickles its
     * headers (a read timeout bounds each read only, and a blocked read ignores interrupts): a cap
     * on the threads still running, so that a flood of installs meeting such a service cannot
     * start threads without bound. Past it, an exchange is not sent (the login service is unavailable).
     */
    static final int MAX_RUNNING = 64;
    private static final Semaphore RUNNING = new Semaphore(MAX_RUNNING);

    private final FutureTask<Answer> sent;
    /** The status once the headers arrived, so that a late body can be told from no answer at all. */
    private final AtomicInteger status = new AtomicInteger(-1);

    /** Sends {@code json} to {@code url} with {@code http}, which this post closes when the request ends. */
    DeadlinePost(Client http, URI url, String json, int maxBodyBytes) {
        this.sent = new FutureTask<>(() -> {
            try (Response response = http.target(url).request(MediaType.APPLICATION_JSON_TYPE)
                    .post(Entity.entity(json, MediaType.APPLICATION_JSON_TYPE))) {
                status.set(response.getStatus());
                return new Answer(response.getStatus(), body(response, maxBodyBytes));
            }
        });
        // the client is closed by the thread, not by the task: a task cancelled before its thread ran
        // it (a caller interrupted at once) never runs, and would leave its client open
        Runnable sendThenClose = () -> {
            try {
                sent.run();
            } finally {
                try {
                    http.close();
                } finally {
                    RUNNING.release();
                }
            }
        };
        if (!RUNNING.tryAcquire()) {
            http.close();
            throw new ProcessingException(MAX_RUNNING + " earlier requests to the login service are still running");
        }
        Thread thread = new Thread(sendThenClose, "tollgate-bigcommerce-install-" + THREADS.incrementAndGet());
        thread.setDaemon(true); // never holds a stopping server up: its reads end at the read timeout anyway
        try {
            thread.start();
        } catch (RuntimeException | OutOfMemoryError notStarted) {
            RUNNING.release();
            http.close();
            throw new ProcessingException("no thread could be started for the request", notStarted);
        }
    }

    /**
     * The whole answer, if it arrived before {@code deadline} ({@link System#nanoTime()}).
     *
     * @throws TimeoutException not in time: the request is given up on
     * @throws InterruptedException the caller was interrupted: the request is given up on
     * @throws ExecutionException the request failed (unreachable, refused, a read timed out)
     */
    Answer answer(long deadline) throws TimeoutException, InterruptedException, ExecutionException {
        try {
            return sent.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | InterruptedException waitedEnough) {
            sent.cancel(true); // interrupts what can be interrupted; the request's thread closes the rest
            throw waitedEnough;
        }
    }

    /** The status, when the headers had arrived by the time the answer was given up on. */
    OptionalInt statusSoFar() {
        int seen = status.get();
        return seen < 0 ? OptionalInt.empty() : OptionalInt.of(seen);
    }

    /** The body, read whole; empty when there is none, it is longer than the bound, or it cannot be read. */
    private static Optional<byte[]> body(Response response, int maxBytes) {
        if (!response.hasEntity()) {
            return Optional.empty();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (InputStream in = response.readEntity(InputStream.class)) {
            byte[] chunk = new byte[8192];
            for (int n; (n = in.read(chunk)) >= 0; ) {
                bytes.write(chunk, 0, n);
                if (bytes.size() > maxBytes) {
                    return Optional.empty();
                }
                if (Thread.currentThread().isInterrupted()) {
                    return Optional.empty(); // given up on: nobody reads it
                }
            }
        } catch (IOException | ProcessingException unreadable) {
            return Optional.empty();
        }
        return Optional.of(bytes.toByteArray());
    }
}
