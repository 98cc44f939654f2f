package dev.tollgate.engine;

import dev.tollgate.api.ClientRef;
import dev.tollgate.api.CredentialsRejectedException;
import dev.tollgate.api.TokenAcquisitionException;
import dev.tollgate.api.TollgateConfigException;
import dev.tollgate.api.TollgateException;
import dev.tollgate.engine.observe.CredentialId;
import dev.tollgate.engine.observe.HealthReport;
import dev.tollgate.engine.observe.Measurement;
import dev.tollgate.engine.observe.Metric;
import dev.tollgate.engine.observe.Problem;
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
        NO_CREDENTIAL, FOREIGN_ORIGIN, UNSAFE_HEADER, COOLING_DOWN,
        /** An https call of a client with TLS settings of its own, over a JAX-RS client that does not use them. */
        WITHOUT_CLIENT_TLS;

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
        return attached.id();
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
     * @param forOneCaller a credential of one caller (see {@code CredentialCache.Fetch#forOneCaller})
     * @param attempts   token requests this fetch made (0 when unknown)
     * @param lastStatus the last HTTP status the endpoint answered (0 for none)
     */
    void fetchFailed(CredentialId id, boolean forOneCaller, TollgateException failure, int failuresInRow, Instant until,
                     int attempts, int lastStatus) {
        counters.increment(Metric.COOLDOWNS, counters.tags(id));
        Instant now = clock.instant();
        String reason = Subjects.problemOf(failure);
        boolean refused = failure instanceof CredentialsRejectedException;
        if (refused) {
            counters.increment(Metric.CREDENTIALS_REJECTED, counters.tags(id));
            if (forOneCaller) {
                // a shopper's wrong password: counted, told to that caller by its exception, and at FINE here;
                // neither a readiness problem nor an operator's WARNING (any visitor could cause either)
                FETCH_LOG.fine(() -> id.describe() + ": " + reason + " (one caller's credential; cooling down until " + until + ")");
                return;
            }
            rejected.reject(id, reason, now, false);
        }
        FailureStreaks.Streak streak = streaks.failed(streakOf(id, failure), FailureStreaks.Kind.FETCH, now);
        // the reason says who refused or what failed; the record adds the cooldown, naming its subject once
        StringBuilder record = new StringBuilder(id.describe()).append(": ").append(reason);
        record.append(reason.endsWith(".") ? " " : ". ").append("Cooling down (")
                .append(attempts == 0 ? "" : attempts + " attempt(s), ")
                .append(lastStatus == 0 ? "no HTTP answer" : "last answer HTTP " + lastStatus);
        if (failure instanceof TokenAcquisitionException acquisition && acquisition.retryAfter().isPresent()) {
            record.append(", Retry-After ").append(acquisition.retryAfter().get());
        }
        record.append("): ").append(failuresInRow).append(" failed fetch(es) in a row, calls without a valid credential are")
                .append(" refused until ").append(until).append('.');
        log(FETCH_LOG, streak, record);
    }

    /**
     * Whose streak a failed fetch counts in: its credential's, but a key missing from the
     * configuration (no vendor asked) is counted per client and credential. Listed tenants were
     * checked at deployment, so such a tenant is one no list names: on a client without a tenants
     * list, any name a caller makes up, whose streaks (and WARNINGs) would have no bound.
     */
    private static CredentialId streakOf(CredentialId id, TollgateException failure) {
        // '*' is no tenant's name (names are letters, digits, '-' and '_')
        return failure instanceof TollgateConfigException ? new CredentialId(id.client(), "*", id.credential(), id.provider()) : id;
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
        for (int i = 0; i < attached.size(); i++) { // no iterator: called on every answer while any credential fails
            answered(attached.get(i));
        }
    }

    /** {@link #answered(List)} of a request carrying one credential; allocates nothing unless it was failing. */
    void answered(AttachedCredential attached) {
        CredentialId id = idOf(attached);
        rejected.clear(id, true);
        FailureStreaks.Streak ended = streaks.succeeded(id, FailureStreaks.Kind.API);
        if (ended != null) {
            API_LOG.info(() -> id.describe() + ": works again, the API accepts it after " + ended.failures()
                    + " refusal(s) since " + ended.since() + ".");
        }
    }

    /** A 401 made the request go once more with fresh credentials. */
    void repeated(List<AttachedCredential> attached) {
        for (AttachedCredential a : attached) {
            counters.increment(Metric.UNAUTHORIZED_REPEATS, counters.tags(idOf(a)));
        }
    }

    /** The API refused the credentials of a request, finally (no repeat left); {@code failure} names it. */
    void refusedByApi(List<AttachedCredential> attached, CredentialsRejectedException failure) {
        Instant now = clock.instant();
        String reason = Subjects.problemOf(failure);
        for (AttachedCredential a : attached) {
            CredentialId id = idOf(a);
            counters.increment(Metric.CREDENTIALS_REJECTED, counters.tags(id));
            rejected.reject(id, reason, now, true);
            FailureStreaks.Streak streak = streaks.failed(id, FailureStreaks.Kind.API, now);
            // the reason says it all ("the API at <origin> refused the api-token (HTTP 401): ..."): not said twice
            log(API_LOG, streak, new StringBuilder(id.describe()).append(": ").append(reason));
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

    // ---- the cluster tier

    /** A credential taken from the cluster's shared copy: no token request here. */
    void adoptedFromCluster(CredentialId id) {
        counters.increment(Metric.CLUSTER_ADOPTED, counters.tags(id));
    }

    /** A fetch through the cluster its cache did not answer (the WARNING is the tier's, once per outage). */
    void clusterUnanswered(CredentialId id) {
        counters.increment(Metric.CLUSTER_UNANSWERED, counters.tags(id));
    }

    // ---- what operators read

    HealthReport health(List<String> clients, CredentialCache cache) {
        Instant now = clock.instant();
        Map<CredentialId, Problem> problems = new TreeMap<>(Comparator.comparing(CredentialId::client)
                .thenComparing(CredentialId::tenant).thenComparing(CredentialId::credential).thenComparing(CredentialId::provider));
        rejected.forEach((id, r) -> problems.put(id, new Problem(id, Problem.Kind.REJECTED, r.reason(), r.since(), null)));
        // a key missing from the configuration is the deployment's business (listed tenants were
        // checked there): a name a caller made up must not make the application unready
        cache.forEachCooling(now, (id, cooling) -> {
            if (!(cooling.failure() instanceof TollgateConfigException)) {
                problems.merge(id, new Problem(id, Problem.Kind.COOLING_DOWN, Subjects.problemOf(cooling.failure()),
                                since(id, now), cooling.coolingUntil()),
                        (was, also) -> was.kind() == Problem.Kind.REJECTED
                                ? new Problem(id, was.kind(), was.reason(), was.since(), later(was.until(), also.until()))
                                : was.until().isAfter(also.until()) ? was : also);
            }
        });
        SharedCredentials tier = cache.shared();
        return new HealthReport(now, clients, new ArrayList<>(problems.values()), tier == null ? HealthReport.LOCAL : tier.state());
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
