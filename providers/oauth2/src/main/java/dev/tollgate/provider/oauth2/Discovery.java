package dev.tollgate.provider.oauth2;

import dev.tollgate.spi.TokenContext;
import jakarta.ws.rs.client.Client;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One client's authorization server metadata, per issuer: read once, by the first token request
 * that needs it, while every other one (another tenant's, at the same moment) waits for that read
 * instead of making its own. Kept until the application stops or until a failure: a read that
 * failed is not kept (the next token request reads again), and {@link #forget} drops a document
 * whose token endpoint turned out wrong. Every wait, the reader's and its waiters', ends at the
 * waiting token request's own deadline: the engine releases its caller then, but not the fetch
 * thread, which a read that trickles on (or a wait for it) would otherwise keep for as long as the
 * server likes, one thread per tenant, from every client of the application. Thread-safe.
 */
final class Discovery {

    /** Without a limit from the engine (it always gives one to token requests): the longest {@code token-fetch-timeout}. */
    private static final Duration WITHOUT_LIMIT = Duration.ofHours(24);

    private final ConcurrentMap<String, CompletableFuture<Metadata>> byIssuer = new ConcurrentHashMap<>();

    /** The {@link System#nanoTime()} by which {@code context}'s token request must be done. */
    static long deadline(TokenContext context) {
        return System.nanoTime() + context.timeLeft().orElse(WITHOUT_LIMIT).toNanos();
    }

    /**
     * The issuer's metadata, read with {@code http} (the token request's own client: its timeouts,
     * no redirects, its TLS settings) unless known or being read, by {@code deadline}
     * ({@link System#nanoTime()}).
     *
     * @throws DiscoveryException when it could not be read, by this caller or the one it waited for, in time
     */
    Metadata metadata(Issuer issuer, Client http, long deadline) {
        CompletableFuture<Metadata> mine = new CompletableFuture<>();
        CompletableFuture<Metadata> known = byIssuer.putIfAbsent(issuer.text(), mine);
        if (known == null) {
            read(issuer, http, mine, deadline);
            known = mine;
        }
        return await(known, deadline);
    }

    /** Drops {@code used} (not a newer read): the next token request reads the metadata again. */
    void forget(Issuer issuer, Metadata used) {
        byIssuer.computeIfPresent(issuer.text(), (key, future) -> future.isDone() && !future.isCompletedExceptionally()
                && future.getNow(null) == used ? null : future);
    }

    /** Taken out of the map before the waiters hear of a failure: a later request reads again rather than share it. */
    private void read(Issuer issuer, Client http, CompletableFuture<Metadata> mine, long deadline) {
        boolean told = false;
        try {
            mine.complete(MetadataReader.read(issuer, http, deadline));
            told = true;
        } catch (RuntimeException e) {
            byIssuer.remove(issuer.text(), mine);
            mine.completeExceptionally(e);
            told = true;
        } finally {
            if (!told) { // an Error: nobody may wait for ever
                byIssuer.remove(issuer.text(), mine);
                mine.completeExceptionally(new DiscoveryException("the authorization server's metadata read was abandoned", null));
            }
        }
    }

    private static Metadata await(CompletableFuture<Metadata> future, long deadline) {
        try {
            return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            // the read goes on for the request that makes it, within that request's own time
            throw new DiscoveryException("the authorization server's metadata, which another token request is reading,"
                    + " did not arrive within this token request's time (token-fetch-timeout)", null);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new DiscoveryException("reading the authorization server's metadata failed (" + e.getCause().getClass().getName()
                    + ")", null);
        } catch (CancellationException e) {
            throw new DiscoveryException("the authorization server's metadata read was abandoned", null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DiscoveryException("interrupted while another token request read the authorization server's metadata", null);
        }
    }
}
