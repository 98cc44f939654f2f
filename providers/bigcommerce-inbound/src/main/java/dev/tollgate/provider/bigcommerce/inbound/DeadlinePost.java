package dev.tollgate.provider.bigcommerce.inbound;

import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.InvocationCallback;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One JSON POST whose answer (status and headers) is waited for until a deadline, and the
 * JAX-RS client it is sent with. A read timeout bounds each read only: an endpoint sending a
 * header line now and then would otherwise hold the caller for as long as it likes. So the request
 * runs on the client's own async thread, and the caller waits for it until the deadline. A request
 * given up on is left to end there, and then closes its answer and its client: closing the client
 * on the caller's thread would wait for that thread (Jersey waits up to 5 s for its threads).
 */
final class DeadlinePost {

    private static final int WAITING = 0;
    private static final int ENDED = 1;
    private static final int GIVEN_UP = 2;

    private final Client http;
    private final AtomicInteger state = new AtomicInteger(WAITING);
    private final Future<Response> sent;

    /**
     * Sends {@code json} to {@code url} with {@code http}, which this post closes (at once if the
     * request cannot even be started).
     */
    DeadlinePost(Client http, URI url, String json) {
        this.http = http;
        try {
            this.sent = send(url, json);
        } catch (RuntimeException notStarted) {
            http.close();
            throw notStarted;
        }
    }

    private Future<Response> send(URI url, String json) {
        return http.target(url).request(MediaType.APPLICATION_JSON_TYPE).async()
                .post(Entity.entity(json, MediaType.APPLICATION_JSON_TYPE), new InvocationCallback<Response>() {
                    @Override
                    public void completed(Response response) {
                        if (!state.compareAndSet(WAITING, ENDED)) {
                            response.close();
                            http.close();
                        }
                    }

                    @Override
                    public void failed(Throwable failure) {
                        if (!state.compareAndSet(WAITING, ENDED)) {
                            http.close();
                        }
                    }
                });
    }

    /**
     * The answer, once its status and headers arrived, if before {@code deadline} ({@link System#nanoTime()}).
     *
     * @throws TimeoutException not in time: the request is given up on
     * @throws InterruptedException the caller was interrupted: the request is given up on
     * @throws ExecutionException the request failed (unreachable, refused, a read timed out)
     */
    Response answer(long deadline) throws TimeoutException, InterruptedException, ExecutionException {
        try {
            return sent.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | InterruptedException waitedEnough) {
            if (state.compareAndSet(WAITING, GIVEN_UP)) {
                sent.cancel(true); // whatever the client can stop; the callback closes the rest when it ends
                throw waitedEnough;
            }
            // it ended just now: the answer is there
            if (waitedEnough instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return sent.get();
        }
    }

    /** Closes the client, unless the request was given up on (it is then closed when the request ends). */
    void close() {
        if (state.get() != GIVEN_UP) {
            http.close();
        }
    }
}
