package dev.tollgate.engine;

import dev.tollgate.api.CredentialsUnverifiedException;
import dev.tollgate.api.TokenAcquisitionException;
import dev.tollgate.api.TollgateException;
import dev.tollgate.spi.CredentialSource;
import dev.tollgate.spi.CredentialVerification;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Proves a tenant's candidate credentials with the vendor before they are stored, the way the
 * provider's {@link dev.tollgate.spi.ClientProtocol#verification} says: a read the API answers only
 * for good credentials, or obtaining the credentials from their token endpoint. Nothing of the
 * candidate is cached; each request is made once. The whole verification ends within
 * {@code connect-timeout} + {@code read-timeout}: it runs on a thread of its own, so a vendor that
 * trickles its answer cannot hold the caller longer (a read timeout alone would not end it).
 */
final class CredentialVerifier {

    private final Clock clock;
    private final Executor threads;

    /** With the system clock and a few daemon threads of its own. */
    CredentialVerifier() {
        this(Clock.systemUTC(), SharedThreads.POOL);
    }

    /** With the engine's clock (token expiries) and the threads verifications run on. */
    CredentialVerifier(Clock clock, Executor threads) {
        this.clock = clock;
        this.threads = threads;
    }

    /**
     * @throws dev.tollgate.api.CredentialsRejectedException the vendor refused the credentials
     * @throws CredentialsUnverifiedException the vendor could not confirm them
     * @throws dev.tollgate.api.TollgateConfigException the candidate's settings are unusable (nothing was sent)
     * @throws dev.tollgate.api.UnsafeRequestException the verification would send credentials where they must not go
     */
    void verify(BoundClient client, ConfiguredSettings candidate) {
        CredentialVerification how = client.protocol().verification(candidate);
        if (how.isNone()) {
            return;
        }
        Duration limit = TollgateHttp.connectTimeout(candidate).plus(TollgateHttp.readTimeout(candidate));
        Deadline deadline = Deadline.after(limit);
        UncachedCredentials credentials = new UncachedCredentials(client, candidate, clock, deadline);
        CompletableFuture<Void> result = new CompletableFuture<>();
        Runnable task = () -> {
            if (result.isDone()) {
                return; // the caller gave up while this waited for a thread: nothing is sent for a save that failed
            }
            try {
                if (how.method().isPresent()) {
                    new VerificationRead(client, candidate, credentials, deadline).send(how.method().get(), how.path().orElseThrow());
                } else {
                    for (CredentialSource source : how.credentialsToObtain()) {
                        credentials.get(source);
                    }
                }
                result.complete(null);
            } catch (Throwable e) {
                result.completeExceptionally(e);
            } finally {
                credentials.close(); // after the answer: a revocation never holds the caller
            }
        };
        try {
            threads.execute(task);
        } catch (RejectedExecutionException e) {
            throw VerificationAnswer.unavailable(candidate, "no thread took the verification (is the application stopping?); try again", null);
        }
        await(result, candidate, limit);
    }

    private static void await(CompletableFuture<Void> result, ConfiguredSettings candidate, Duration limit) {
        try {
            result.get(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TollgateException failure) {
                throw failure;
            }
            // not chained: an unexpected exception's message may quote what the vendor sent
            throw new TokenAcquisitionException(candidate.ref(), "verifying the credentials failed ("
                    + e.getCause().getClass().getName() + "); nothing was stored", null);
        } catch (TimeoutException e) {
            result.cancel(true);
            throw VerificationAnswer.unavailable(candidate, "the vendor did not answer within " + limit + " ("
                    + candidate.keyName(ConfigKeys.CONNECT_TIMEOUT) + " + " + candidate.keyName(ConfigKeys.READ_TIMEOUT) + ")",
                    null);
        } catch (InterruptedException e) {
            result.cancel(true); // as on a timeout: a verification still waiting for a thread never starts
            Thread.currentThread().interrupt();
            throw VerificationAnswer.unavailable(candidate, "interrupted while waiting for the vendor", null);
        }
    }

    /** For verifiers not given the engine's threads: made when needed, gone when idle, never holding the JVM. */
    private static final class SharedThreads {
        static final ExecutorService POOL = RefreshThreads.newExecutor();
    }
}
