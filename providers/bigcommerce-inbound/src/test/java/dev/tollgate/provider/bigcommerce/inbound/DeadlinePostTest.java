package dev.tollgate.provider.bigcommerce.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.client.Client;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class DeadlinePostTest {

    /** A client that only counts its closes (a request through it fails at once, which is enough here). */
    private static Client counting(CountDownLatch closed) {
        return (Client) Proxy.newProxyInstance(Client.class.getClassLoader(), new Class<?>[] {Client.class}, (proxy, method, args) -> {
            if (method.getName().equals("close")) {
                closed.countDown();
            }
            return null;
        });
    }

    @Test
    void aCallerInterruptedBeforeTheRequestRanStillHasItsClientClosed() throws Exception {
        int attempts = 20;
        CountDownLatch closed = new CountDownLatch(attempts);
        for (int i = 0; i < attempts; i++) {
            Thread.currentThread().interrupt(); // so the caller gives up before the request's thread has most likely run
            DeadlinePost post = new DeadlinePost(counting(closed), URI.create("http://127.0.0.1:9/oauth2/token"), "{}", 1024);
            try {
                post.answer(System.nanoTime() + TimeUnit.SECONDS.toNanos(30));
            } catch (InterruptedException givenUp) {
                // given up on, as an interrupted caller should
            } catch (ExecutionException failedFirst) {
                // the request's thread won the race: it ran (and failed) before the caller looked
            }
            Thread.interrupted(); // cleared for the next attempt
        }
        // safety net only: every client is closed as soon as its thread ends, which it does at once here
        closed.await(10, TimeUnit.SECONDS);
        assertEquals(0, closed.getCount(), "clients never closed (one leaks per given-up attempt)");
    }

    /** A client whose requests hang (like a login service trickling its headers), interrupts or not, until {@code released}. */
    private static Client hanging(CountDownLatch released, java.util.concurrent.Semaphore entered) {
        return (Client) Proxy.newProxyInstance(Client.class.getClassLoader(), new Class<?>[] {Client.class}, (proxy, method, args) -> {
            if (method.getName().equals("target")) {
                entered.release();
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60); // safety net
                while (released.getCount() > 0 && System.nanoTime() < until) {
                    try {
                        released.await(1, TimeUnit.SECONDS);
                    } catch (InterruptedException ignored) {
                        // like a blocked socket read: an interrupt does not end it
                    }
                }
                throw new jakarta.ws.rs.ProcessingException("released");
            }
            return null;
        });
    }

    @Test
    void requestsGivenUpOnButStillRunningAreCappedNotOneThreadEachWithoutBound() throws Exception {
        CountDownLatch released = new CountDownLatch(1);
        URI url = URI.create("http://127.0.0.1:9/oauth2/token");
        java.util.concurrent.Semaphore entered = new java.util.concurrent.Semaphore(0);
        try {
            for (int i = 0; i < DeadlinePost.MAX_RUNNING; i++) {
                DeadlinePost post = new DeadlinePost(hanging(released, entered), url, "{}", 1024);
                assertTrue(entered.tryAcquire(60, TimeUnit.SECONDS), "the request was sent"); // safety net
                assertThrows(TimeoutException.class, () -> post.answer(System.nanoTime())); // the caller gives up
            }
            assertThrows(jakarta.ws.rs.ProcessingException.class, () -> new DeadlinePost(hanging(released, entered), url, "{}", 1024),
                    "one more thread was started while " + DeadlinePost.MAX_RUNNING + " still hang");
        } finally {
            released.countDown();
        }
    }
}
