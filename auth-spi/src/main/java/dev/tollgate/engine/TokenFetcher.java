package dev.tollgate.engine;

import dev.tollgate.api.ClientRef;
import dev.tollgate.api.CredentialsRejectedException;
import dev.tollgate.api.TokenAcquisitionException;
import dev.tollgate.api.TollgateException;
import dev.tollgate.spi.ClientProtocol;
import dev.tollgate.spi.Credential;
import dev.tollgate.spi.CredentialSource;
import dev.tollgate.spi.TokenEndpointException;
import jakarta.ws.rs.ProcessingException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One fetch of one credential: refresh with the refresh token when there is one, else (or when
 * refresh fails) a new grant; each with bounded retries; the result checked and turned into the
 * headers that will carry it. Runs under the cache's single flight, so never twice at once for
 * the same key.
 */
final class TokenFetcher implements CredentialCache.Fetch {

    static final String REFRESH_BEFORE = "refresh-before";
    static final Duration DEFAULT_REFRESH_BEFORE = Duration.ofMinutes(1);

    private static final Logger LOG = Logger.getLogger(TokenFetcher.class.getName());
    private static final RetryPolicy SINGLE_ATTEMPT = new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO);

    private final ConfiguredSettings settings;
    private final CredentialSource source;
    private final ClientProtocol protocol;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Dependencies dependencies;

    TokenFetcher(ConfiguredSettings settings, CredentialSource source, ClientProtocol protocol, Clock clock, Sleeper sleeper,
                 Dependencies dependencies) {
        this.settings = settings;
        this.source = source;
        this.protocol = protocol;
        this.clock = clock;
        this.sleeper = sleeper;
        this.dependencies = dependencies;
    }

    @Override
    public ClientRef ref() {
        return settings.ref();
    }

    @Override
    public CachedCredential fetch(CachedCredential previous) {
        RetryPolicy policy = RetryPolicy.from(settings);
        Credential credential = null;
        if (previous != null && previous.credential().canRefreshAt(clock.instant())) {
            // one attempt only: after a timeout the server may already have rotated the refresh
            // token, and sending it again would be reuse. Refused: a new grant. Unavailable: fail,
            // cool down, keep serving a still-valid token, and try again later.
            try {
                credential = withRetries(SINGLE_ATTEMPT, ctx -> source.refresh(ctx, previous.credential())).orElse(null);
            } catch (CredentialsRejectedException e) {
                LOG.fine(() -> ref().describe() + ": the refresh token was refused (" + e.getMessage()
                        + "); asking for a new grant");
            }
        }
        if (credential == null) {
            credential = withRetries(policy, source::obtain);
        }
        return cache(credential);
    }

    @Override
    public Instant cooldownUntil(TollgateException failure, Instant now) {
        Duration cooldown = RetryPolicy.from(settings).cooldown();
        if (failure instanceof TokenAcquisitionException acquisition && acquisition.retryAfter().isPresent()
                && acquisition.retryAfter().get().compareTo(cooldown) > 0) {
            cooldown = acquisition.retryAfter().get();
        }
        return now.plus(cooldown);
    }

    private <T> T withRetries(RetryPolicy policy, Function<EngineTokenContext, T> call) {
        for (int attempt = 1; ; attempt++) {
            TokenEndpointException failure;
            try (EngineTokenContext context = new EngineTokenContext(settings, clock, dependencies)) {
                return call.apply(context);
            } catch (TokenEndpointException e) {
                failure = e;
            } catch (TollgateException e) {
                throw e;
            } catch (ProcessingException e) {
                failure = TokenEndpointException.unreachable(e);
            } catch (RuntimeException e) {
                // not chained: a provider's own exception message may quote a response body
                throw new TokenAcquisitionException(ref(), "the provider failed to obtain the " + source.kind()
                        + " (" + e.getClass().getName() + ")", null);
            }
            if (failure.kind() != TokenEndpointException.Kind.UNAVAILABLE || attempt >= policy.maxAttempts()) {
                throw mapped(failure, attempt);
            }
            Duration wait = policy.backoffAfter(attempt, failure.retryAfter().orElse(null));
            if (wait == null) {
                throw mapped(failure, attempt);
            }
            LOG.fine(() -> ref().describe() + ": " + failure.getMessage() + "; retrying in " + wait.toMillis() + " ms");
            sleep(wait);
        }
    }

    private void sleep(Duration wait) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenAcquisitionException(ref(), "interrupted while waiting to retry the token endpoint", e);
        }
    }

    private TollgateException mapped(TokenEndpointException e, int attempts) {
        if (e.kind() == TokenEndpointException.Kind.REJECTED) {
            return new CredentialsRejectedException(ref(), e.status(), e.vendorDetail().orElse(null),
                    source.rejectionAdvice(settings).orElseGet(() -> protocol.rejectionAdvice(settings)));
        }
        String tries = attempts == 1 ? "" : " (" + attempts + " attempts)";
        return new TokenAcquisitionException(ref(), "could not obtain the " + source.kind() + ": "
                + e.getMessage() + tries + ".", null, e.retryAfter().orElse(null));
    }

    private CachedCredential cache(Credential credential) {
        Instant now = clock.instant();
        Instant staleAt = null;
        Optional<Instant> expiry = credential.expiresAt();
        if (expiry.isPresent()) {
            if (!expiry.get().isAfter(now)) {
                throw new TokenAcquisitionException(ref(), "the token endpoint returned a " + source.kind()
                        + " that expired at " + expiry.get() + ", which is not after now (" + now
                        + "); check the clock of this server.", null);
            }
            Duration lifetime = Duration.between(now, expiry.get());
            Duration before = settings.duration(REFRESH_BEFORE, protocol.defaultRefreshBefore().orElse(DEFAULT_REFRESH_BEFORE));
            // never stale for more than half the lifetime: short-lived tokens still get a fresh period
            staleAt = expiry.get().minus(before.compareTo(lifetime.dividedBy(2)) > 0 ? lifetime.dividedBy(2) : before);
        }
        Map<String, String> headers = Map.copyOf(source.headers(credential));
        headers.forEach((name, value) -> {
            if (!HeaderSafety.isSafe(name) || !HeaderSafety.isSafe(value)) {
                throw new TokenAcquisitionException(ref(), "the " + source.kind() + " holds a line break, a control"
                        + " character or a non-ASCII character, and is never sent.", null);
            }
        });
        if (LOG.isLoggable(Level.FINE)) {
            LOG.fine(ref().describe() + ": obtained " + source.kind() + " " + credential);
        }
        Runnable revocation = null;
        if (source.revokesOnShutdown(settings)) {
            Credential issued = credential;
            revocation = () -> {
                try (EngineTokenContext context = new EngineTokenContext(settings, clock, dependencies)) {
                    source.revoke(context, issued);
                }
            };
        }
        return new CachedCredential(credential, headers, now, staleAt, revocation);
    }
}
