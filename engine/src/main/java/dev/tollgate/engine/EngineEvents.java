package dev.tollgate.engine;

import dev.tollgate.api.ClientRef;
import dev.tollgate.api.CredentialsRejectedException;
import dev.tollgate.api.TokenAcquisitionException;
import dev.tollgate.api.TollgateException;
import dev.tollgate.engine.observe.CredentialId;
import dev.tollgate.engine.observe.HealthReport;
import dev.tollgate.engine.observe.Measurement;
import dev.tollgate.engine.observe.Metric;
import dev.tollgate.engine.observe.Problem;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.WeakHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What happens to the engine's credentials, told where it happens (token requests, refusals,
 * cooldowns, calls refused before sending, recoveries) and turned into what operators see: the
 * counters ({@link EngineCounters}), the credentials refused now ({@link RejectedCredentials}), and
 * the WARNING and INFO records, limited per failure streak ({@link FailureStreaks}). Never on the
 * hot path: a call answered as usual costs one emptiness check here.
 */
final class EngineEvents {

    /** Why a call was refused before anything was sent: the {@code reason} tag of {@link Metric#CALLS_REFUSED}. */
    enum Refusal {
        NO_CREDENTIAL, FOREIGN_ORIGIN, UNSAFE_HEADER, COOLING_DOWN;

        String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Fetch failures and recoveries are the cache's business: logged under its name, as before. */
    private static final Logger FETCH_LOG = Logger.getLogger(CredentialCache.class.getName());
    private static final Logger API_LOG = Logger.getLogger(RejectionFilter.class.getName());

    private final Clock clock;
    private final EngineCounters counters;
    private final RejectedCredentials rejected = new RejectedCredentials();
    private final FailureStreaks streaks = new FailureStreaks();
    /** Failures that came from a header value never sent (an unsafe character): identity, weakly held. */
    private final Set<Throwable> unsafeHeaders = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    EngineEvents(Clock clock, boolean perTenant, List<GuardedSink> sinks) {
        this.clock = clock;
        this.counters = new EngineCounters(perTenant, sinks);
    }

    /** For caches built without an engine (tests): counts, but sends nowhere. */
    static EngineEvents unobserved(Clock clock) {
        return new EngineEvents(clock, false, List.of());
    }

    static CredentialId idOf(AttachedCredential attached) {
        ClientRef ref = attached.settings().ref();
        return new CredentialId(ref.client(), ref.tenant().orElse(""), attached.source().name(), ref.provider().orElse(""));
    }

    // ---- token requests and fetches

    /** One HTTP request to a token endpoint, as the endpoint counts them. */
    void tokenRequest(CredentialId id, boolean succeeded) {
        counters.increment(Metric.TOKEN_REQUESTS, counters.tags(id, "outcome", succeeded ? "succeeded" : "failed"));
    }

    /**
     * A fetch failed and a cooldown starts. A token endpoint's refusal is a rejected credential
     * too. One WARNING per streak, then at most one per five minutes.
     *
     * @param attempts   token requests this fetch made (0 when unknown)
     * @param lastStatus the last HTTP status the endpoint answered (0 for none)
     */
    void fetchFailed(CredentialId id, TollgateException failure, int failuresInRow, Instant until, int attempts, int lastStatus) {
        counters.increment(Metric.COOLDOWNS, counters.tags(id));
        Instant now = clock.instant();
        String reason = Subjects.problemOf(failure);
        boolean refused = failure instanceof CredentialsRejectedException;
        if (refused) {
            counters.increment(Metric.CREDENTIALS_REJECTED, counters.tags(id));
            rejected.reject(id, reason, now, false);
        }
        FailureStreaks.Streak streak = streaks.failed(id, FailureStreaks.Kind.FETCH, now);
        StringBuilder record = new StringBuilder(id.describe()).append(": ");
        record.append(refused ? "the vendor's token endpoint refused the credentials" : "could not obtain the credential");
        record.append(" (").append(attempts == 0 ? "" : attempts + " attempt(s), ")
                .append(lastStatus == 0 ? "no HTTP answer" : "last answer HTTP " + lastStatus);
        if (failure instanceof TokenAcquisitionException acquisition && acquisition.retryAfter().isPresent()) {
            record.append(", Retry-After ").append(acquisition.retryAfter().get());
        }
        record.append("); ").append(failuresInRow).append(" failed fetch(es) in a row, calls without a valid credential are")
                .append(" refused until ").append(until).append(": ").append(reason);
        log(FETCH_LOG, streak, record);
    }

    /** A fetch succeeded: a token endpoint's refusal is over, and a failing credential works again. */
    void fetchSucceeded(CredentialId id, CachedCredential fresh, CredentialCache cache) {
        rejected.clear(id, false);
        FailureStreaks.Streak ended = streaks.succeeded(id, FailureStreaks.Kind.FETCH);
        if (ended != null) {
            FETCH_LOG.info(() -> id.describe() + ": works again, obtained after " + ended.failures()
                    + " failure(s) since " + ended.since() + ".");
        }
        Map<String, String> tags = counters.tags(id);
        counters.gauge(Metric.CACHED_CREDENTIALS, counters.tags(id), () -> cache.gaugeValue(Metric.CACHED_CREDENTIALS, tags));
        if (fresh.credential().expiresAt().isPresent()) {
            counters.gauge(Metric.SECONDS_LEFT, counters.tags(id), () -> cache.gaugeValue(Metric.SECONDS_LEFT, tags));
        }
    }

    /** Marks {@code failure} as a credential whose header value would be unsafe to send. */
    <T extends TollgateException> T unsafeHeader(T failure) {
        unsafeHeaders.add(failure);
        return failure;
    }

    // ---- the API's answers

    /**
     * The cheap check of every answer: is any credential refused or failing now (whose next good
     * answer is to be told)? Two emptiness checks; false in the usual case.
     */
    boolean anyRefused() {
        return !rejected.isEmpty() || !streaks.isEmpty();
    }

    /** An API answered a request carrying {@code attached} with something other than 401. */
    void answered(List<AttachedCredential> attached) {
        for (AttachedCredential a : attached) {
            CredentialId id = idOf(a);
            rejected.clear(id, true);
            FailureStreaks.Streak ended = streaks.succeeded(id, FailureStreaks.Kind.API);
            if (ended != null) {
                API_LOG.info(() -> id.describe() + ": works again, the API accepts it after " + ended.failures()
                        + " refusal(s) since " + ended.since() + ".");
            }
        }
    }

    /** A 401 made the request go once more with fresh credentials. */
    void repeated(List<AttachedCredential> attached) {
        for (AttachedCredential a : attached) {
            counters.increment(Metric.UNAUTHORIZED_REPEATS, counters.tags(idOf(a)));
        }
    }

    /** The API at {@code target} refused the credentials of a request, finally (no repeat left). */
    void refusedByApi(List<AttachedCredential> attached, CredentialsRejectedException failure, URI target) {
        Instant now = clock.instant();
        String reason = Subjects.problemOf(failure);
        for (AttachedCredential a : attached) {
            CredentialId id = idOf(a);
            counters.increment(Metric.CREDENTIALS_REJECTED, counters.tags(id));
            rejected.reject(id, reason, now, true);
            FailureStreaks.Streak streak = streaks.failed(id, FailureStreaks.Kind.API, now);
            log(API_LOG, streak, new StringBuilder(id.describe()).append(": the API at ").append(OriginPolicy.origin(target))
                    .append(" refused the credential (HTTP ").append(failure.status()).append("): ").append(reason));
        }
    }

    // ---- calls refused before sending

    /** A call was refused before anything was sent; {@code credential} is "" when none was chosen yet. */
    <T extends TollgateException> T refused(ClientRef where, String credential, Refusal reason, T failure) {
        CredentialId id = new CredentialId(where.client(), where.tenant().orElse(""), credential, where.provider().orElse(""));
        counters.increment(Metric.CALLS_REFUSED, counters.tags(id, "reason", reason.tag()));
        return failure;
    }

    /** Why a credential could not be had for a call, the cooldown aside. */
    Refusal reasonOf(TollgateException failure) {
        return unsafeHeaders.contains(failure) ? Refusal.UNSAFE_HEADER : Refusal.NO_CREDENTIAL;
    }

    // ---- tenants

    /** A tenant's values were replaced or removed: what was refused of the old ones is over. */
    void tenantReplaced(String client, String tenant) {
        rejected.clearTenant(client, tenant);
        streaks.replaced(client, tenant);
    }

    /** The engine is closed: sinks drop its gauges. */
    void engineClosed() {
        counters.engineClosed();
    }

    // ---- what operators read

    HealthReport health(List<String> clients, CredentialCache cache) {
        Instant now = clock.instant();
        Map<CredentialId, Problem> problems = new TreeMap<>(Comparator.comparing(CredentialId::client)
                .thenComparing(CredentialId::tenant).thenComparing(CredentialId::credential).thenComparing(CredentialId::provider));
        rejected.forEach((id, r) -> problems.put(id, new Problem(id, Problem.Kind.REJECTED, r.reason(), r.since(), null)));
        cache.forEachCooling(now, (id, cooling) -> problems.merge(id,
                new Problem(id, Problem.Kind.COOLING_DOWN, Subjects.problemOf(cooling.failure()),
                        since(id, now), cooling.coolingUntil()),
                (was, also) -> was.kind() == Problem.Kind.REJECTED
                        ? new Problem(id, was.kind(), was.reason(), was.since(), later(was.until(), also.until()))
                        : was.until().isAfter(also.until()) ? was : also));
        return new HealthReport(now, clients, new ArrayList<>(problems.values()));
    }

    private Instant since(CredentialId id, Instant now) {
        Instant since = streaks.since(id);
        return since == null ? now : since;
    }

    private static Instant later(Instant a, Instant b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }

    List<Measurement> measurements(CredentialCache cache) {
        return counters.measurements(series -> cache.gaugeValue(series.metric(), series.tags()));
    }

    private static void log(Logger log, FailureStreaks.Streak streak, StringBuilder record) {
        if (streak.warn()) {
            if (streak.suppressed() > 0) {
                record.append(" (").append(streak.suppressed()).append(" more failure(s) since the last warning, at FINE)");
            }
            log.warning(record.toString());
        } else if (log.isLoggable(Level.FINE)) {
            log.fine(record.append(" (failure ").append(streak.failures()).append(" since ").append(streak.since())
                    .append("; warned at most every ").append(FailureStreaks.REPEAT_EVERY.toMinutes()).append(" minutes)").toString());
        }
    }
}
