package dev.tollgate.engine;

import dev.tollgate.api.ClientRef;
import dev.tollgate.api.TokenAcquisitionException;
import dev.tollgate.api.TollgateException;
import dev.tollgate.engine.observe.CredentialId;
import dev.tollgate.spi.ClientProtocol;
import dev.tollgate.spi.Credential;
import dev.tollgate.spi.CredentialSource;
import dev.tollgate.spi.HeaderSafety;
import dev.tollgate.spi.TenantSettings;
import dev.tollgate.spi.TokenEndpointException;
import jakarta.ws.rs.ProcessingException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Predicate;
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
    private static final RetryPolicy SINGLE_ATTEMPT = new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO);

    private final ConfiguredSettings settings;
    private final CredentialSource source;
    private final ClientProtocol protocol;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Dependencies dependencies;
    private final BooleanSupplier current;
    private final EngineEvents events;
    /** Read once per fetcher; a benign race: two first readers read the same keys. */
    private volatile RetryPolicy policy;
    /** Of the last fetch, for its failure's record: token requests sent, and the endpoint's last status. */
    private volatile int sentRequests;
    private volatile int lastStatus;
    /** Who else must agree before a refresh token is presented (the cluster tier); nobody by default. */
    private Predicate<Credential> refreshTokenClaim = credential -> true;

    TokenFetcher(ConfiguredSettings settings, CredentialSource source, ClientProtocol protocol, Clock clock, Sleeper sleeper,
                 Dependencies dependencies) {
        this(settings, source, protocol, clock, sleeper, dependencies, () -> true, EngineEvents.unobserved(clock));
    }

    /**
     * @param current false once {@code settings} were replaced (a stored tenant saved again): nothing fetched then is cached
     * @param events  where each token request is counted
     */
    TokenFetcher(ConfiguredSettings settings, CredentialSource source, ClientProtocol protocol, Clock clock, Sleeper sleeper,
                 Dependencies dependencies, BooleanSupplier current, EngineEvents events) {
        this.events = events;
        this.current = current;
        this.settings = settings;
        this.source = source;
        this.protocol = protocol;
        this.clock = clock;
        this.sleeper = sleeper;
        this.dependencies = dependencies;
    }

    @Override
    public boolean isCurrent() {
        return current.getAsBoolean();
    }

    @Override
    public ClientRef ref() {
        return settings.ref();
    }

    @Override
    public CredentialId id() {
        ClientRef ref = settings.ref();
        return new CredentialId(ref.client(), ref.tenant().orElse(""), source.name(), ref.provider().orElse(""));
    }

    /** A source cached per caller (its cache key is not its name: one shopper's login) is one caller's. */
    @Override
    public boolean forOneCaller() {
        return !source.cacheKey().equals(source.name());
    }

    @Override
    public int attempts() {
        return sentRequests;
    }

    @Override
    public int lastStatus() {
        return lastStatus;
    }

    @Override
    public Duration timeout() {
        return policy().fetchTimeout();
    }

    /** The retry keys, read on first use: a mistyped one then fails the fetch that reads it. */
    private RetryPolicy policy() {
        RetryPolicy read = policy;
        if (read == null) {
            read = RetryPolicy.from(settings);
            policy = read;
        }
        return read;
    }

    /**
     * A refresh first, when the previous credential has a refresh token nobody has presented yet;
     * then, when there was none or it yielded nothing usable (refused, lost, unreadable), a new
     * grant. A refresh token is presented at most once, so a lost answer never makes it twice.
     */
    @Override
    public CachedCredential fetch(CachedCredential previous, boolean probe, long deadline) {
        RetryPolicy attempts = probe ? SINGLE_ATTEMPT : policy();
        // read before asking the vendor: a window the protocol refuses must not cost a token request per call
        Duration before = refreshBefore(settings, protocol);
        Budget budget = new Budget(deadline);
        sentRequests = 0;
        lastStatus = 0;
        if (previous != null && previous.claimRefreshToken(clock.instant()) && refreshTokenClaim.test(previous.credential())) {
            try {
                Optional<Credential> refreshed = withRetries(SINGLE_ATTEMPT, budget, ctx -> source.refresh(ctx, previous.credential()));
                if (refreshed.isPresent()) {
                    return cache(refreshed.get(), before);
                }
            } catch (TollgateException e) {
                LOG.fine(() -> ref().describe() + ": the refresh yielded no usable " + source.name() + " (" + Subjects.problemOf(e)
                        + "); its refresh token is dropped, asking for a new grant");
            }
        }
        return cache(withRetries(attempts, budget, source::obtain), before);
    }

    /**
     * Makes this fetcher present a refresh token only when {@code claim} agrees too (the cluster
     * tier: once in the whole cluster). Set before the fetch is handed to a fetch thread.
     */
    void refreshTokensClaimedBy(Predicate<Credential> claim) {
        this.refreshTokenClaim = claim;
    }

    /**
     * True when the cluster tier may share what this fetches: a credential fetched from a vendor
     * for the whole application. Not a static one (read from configuration on every node anyway),
     * nor one caller's own, nor one revoked at shutdown (one node stopping would revoke it for all).
     */
    boolean isShareable() {
        return !source.isStatic() && !forOneCaller() && !source.revokesOnShutdown(settings);
    }

    /**
     * A credential another node of the cluster obtained at {@code obtainedAt}, made ready to attach
     * here: its headers built and checked as for one fetched here, stale at the same moment as on
     * the node that fetched it.
     */
    CachedCredential adopt(Credential credential, Instant obtainedAt) {
        return cache(credential, refreshBefore(settings, protocol), obtainedAt);
    }

    @Override
    public Instant cooldownUntil(TollgateException failure, Instant now, int failures) {
        Duration retryAfter = failure instanceof TokenAcquisitionException acquisition ? acquisition.retryAfter().orElse(null) : null;
        return now.plus(policy().cooldownAfter(failures, retryAfter));
    }

    /**
     * What is left of a fetch's time: its deadline less the real time gone and the waits between
     * attempts (counted as asked, so a test's sleeper that only moves a clock still spends them;
     * the part of a wait that real time already counts is not counted again).
     */
    private static final class Budget {
        private final long deadline;
        private long slept;

        Budget(long deadline) {
            this.deadline = deadline;
        }

        Duration left() {
            return Duration.ofNanos(Math.max(0, deadline - System.nanoTime() - slept));
        }

        void spend(Duration wait, long realNanos) {
            slept += Math.max(0, wait.toNanos() - realNanos);
        }
    }

    private <T> T withRetries(RetryPolicy policy, Budget budget, Function<EngineTokenContext, T> call) {
        for (int attempt = 1; ; attempt++) {
            TokenEndpointException failure;
            Duration left = budget.left();
            if (left.isZero()) {
                throw outOfTime(attempt - 1);
            }
            EngineTokenContext context = new EngineTokenContext(settings, clock, dependencies, left);
            try (context) {
                T answer = call.apply(context);
                counted(context, true);
                return answer;
            } catch (TokenEndpointException e) {
                counted(context, false);
                lastStatus = e.status();
                failure = context.located(e);
            } catch (TollgateException | CredentialCache.Abandoned e) {
                counted(context, false);
                throw e;
            } catch (ProcessingException e) {
                counted(context, false);
                failure = TokenEndpointException.unreachable(e);
            } catch (RuntimeException e) {
                counted(context, false);
                // not chained: a provider's own exception message may quote a response body
                throw new TokenAcquisitionException(ref(), "the provider failed to obtain the " + source.name()
                        + " (" + e.getClass().getName() + ")", null);
            }
            if (failure.kind() != TokenEndpointException.Kind.UNAVAILABLE || attempt >= policy.maxAttempts()) {
                throw mapped(failure, attempt);
            }
            Duration wait = policy.backoffAfter(attempt, failure.retryAfter().orElse(null));
            if (wait == null || wait.compareTo(budget.left()) >= 0) {
                throw mapped(failure, attempt);
            }
            LOG.fine(() -> ref().describe() + ": " + failure.getMessage() + "; retrying in " + wait.toMillis() + " ms");
            long sleptFrom = System.nanoTime();
            sleep(wait);
            budget.spend(wait, System.nanoTime() - sleptFrom);
        }
    }

    /** A token request this attempt sent, as the endpoint counts them: an attempt that sent nothing is not one. */
    private void counted(EngineTokenContext context, boolean succeeded) {
        if (context.sentRequest()) {
            sentRequests++;
            events.tokenRequest(id(), succeeded);
        }
    }

    private TokenAcquisitionException outOfTime(int attempts) {
        return new TokenAcquisitionException(ref(), "could not obtain the " + source.name() + " within "
                + policy().fetchTimeout() + " (" + settings.keyName(RetryPolicy.FETCH_TIMEOUT) + "; "
                + attempts + " attempt(s)).", null);
    }

    /** An interrupt is the caller's own business: the fetch is abandoned, not failed, so nobody cools down. */
    private void sleep(Duration wait) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            throw new CredentialCache.Abandoned();
        }
    }

    private TollgateException mapped(TokenEndpointException e, int attempts) {
        if (e.kind() == TokenEndpointException.Kind.REJECTED) {
            return Refusals.byTokenEndpoint(ref(), e, source, e.vendorDetail().orElse(null),
                    settings.isStored() ? ConfiguredSettings.STORED_REJECTION_ADVICE
                            : source.rejectionAdvice(settings).orElseGet(() -> protocol.rejectionAdvice(settings)));
        }
        String tries = attempts == 1 ? "" : " (" + attempts + " attempts)";
        return new TokenAcquisitionException(ref(), "could not obtain the " + source.name() + ": "
                + e.getMessage() + tries + ".", null, e.retryAfter().orElse(null));
    }

    /**
     * {@code refresh-before}, or the protocol's default, else a minute; longer than the protocol's
     * {@link ClientProtocol#maxRefreshBefore() maximum} is a configuration error.
     */
    static Duration refreshBefore(TenantSettings settings, ClientProtocol protocol) {
        Duration before = settings.duration(REFRESH_BEFORE, protocol.defaultRefreshBefore().orElse(DEFAULT_REFRESH_BEFORE));
        Optional<Duration> max = protocol.maxRefreshBefore();
        if (max.isPresent() && before.compareTo(max.get()) > 0) {
            throw settings.invalid(REFRESH_BEFORE, "is longer than " + minutes(max.get()) + " (" + max.get() + "), the most"
                    + " provider " + settings.ref().provider().orElse("?") + " allows: an earlier refresh would only ask"
                    + " the vendor again for a token it will not renew yet");
        }
        return before;
    }

    private static String minutes(Duration d) {
        return d.toSeconds() % 60 == 0 ? d.toMinutes() + " minutes" : d.toSeconds() + " seconds";
    }

    private CachedCredential cache(Credential credential, Duration before) {
        return cache(credential, before, clock.instant());
    }

    private CachedCredential cache(Credential credential, Duration before, Instant obtainedAt) {
        Instant now = clock.instant();
        Instant staleAt = null;
        Optional<Instant> expiry = credential.expiresAt();
        if (expiry.isPresent()) {
            if (!expiry.get().isAfter(now)) {
                throw new TokenAcquisitionException(ref(), "the token endpoint returned a " + source.name()
                        + " that expired at " + expiry.get() + ", which is not after now (" + now
                        + "); check the clock of this server.", null);
            }
            Duration lifetime = Duration.between(obtainedAt.isAfter(now) ? now : obtainedAt, expiry.get());
            // never stale for more than half the lifetime: short-lived tokens still get a fresh period
            staleAt = expiry.get().minus(before.compareTo(lifetime.dividedBy(2)) > 0 ? lifetime.dividedBy(2) : before);
        }
        Map<String, String> headers = Map.copyOf(source.headers(credential));
        try {
            headers.forEach((name, value) -> {
                if (!HeaderSafety.isSafe(name) || !HeaderSafety.isSafe(value)) {
                    throw new TokenAcquisitionException(ref(), "the " + source.name() + " holds a line break, a control"
                            + " character or a non-ASCII character, and is never sent.", null);
                }
            });
        } catch (TokenAcquisitionException unsafe) {
            throw events.unsafeHeader(unsafe); // a call refused for it counts as refused for an unsafe header
        }
        if (LOG.isLoggable(Level.FINE)) {
            LOG.fine(ref().describe() + ": obtained " + source.name() + " " + credential);
        }
        Runnable revocation = null;
        if (source.revokesOnShutdown(settings)) {
            Credential issued = credential;
            revocation = () -> {
                try (EngineTokenContext context = new EngineTokenContext(settings, clock, dependencies, null)) {
                    source.revoke(context, issued);
                }
            };
        }
        return new CachedCredential(credential, headers, obtainedAt.isAfter(now) ? now : obtainedAt, staleAt, revocation);
    }
}
