package dev.tollgate.engine;

import dev.tollgate.engine.observe.CredentialId;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Limits the WARNINGs of a failing credential: the first failure of a streak is told, then at most
 * one record per {@link #REPEAT_EVERY} while the streak lasts, saying how many were left out
 * meanwhile. Decided per credential atomically, so that many callers failing at once still make
 * one WARNING. A streak ends when the credential works again (told once, at INFO), and starts anew
 * after the tenant's values were replaced (new values, new mistake). A credential that fails and
 * works by turns (a load balancer with one node that does not know it) makes a streak per call:
 * its new streaks are told no sooner than {@link #REPEAT_EVERY} after its last WARNING either, and
 * the end of a streak not told is not told at INFO, so that it makes at most one WARNING and one
 * INFO per five minutes, not a pair per call.
 */
final class FailureStreaks {

    static final Duration REPEAT_EVERY = Duration.ofMinutes(5);
    /** Streaks kept at most before those of replaced or removed tenants are forgotten (their next success untold). */
    private static final int MAX_REPLACED = 10_000;

    /** Where the failures of a streak come from; each kind ends by its own success. */
    enum Kind {
        /** Token fetches failing (a token endpoint refusing, failing or unreachable). */
        FETCH,
        /** The API refusing the credential (401). */
        API
    }

    /**
     * One credential's streak after its latest failure.
     *
     * @param warn       true when the latest failure is to be logged as a WARNING
     * @param suppressed failures not logged at WARNING since the previous WARNING (told with this one)
     * @param failures   failures in this streak so far
     */
    record Streak(Kind kind, Instant since, Instant lastWarned, int suppressed, int failures, boolean warn, boolean replaced,
                  boolean told) {

        static Streak start(Kind kind, Instant now) {
            return new Streak(kind, now, now, 0, 1, true, false, true);
        }

        /** A streak starting soon after an earlier one of the same credential ended: told as its next failure would be. */
        static Streak after(Quiet ended, Kind kind, Instant now) {
            if (!now.isBefore(ended.lastWarned().plus(REPEAT_EVERY))) {
                return new Streak(kind, now, now, ended.suppressed(), 1, true, false, true);
            }
            return new Streak(kind, now, ended.lastWarned(), ended.suppressed() + 1, 1, false, false, false);
        }

        Streak next(Kind latest, Instant now) {
            if (!now.isBefore(lastWarned.plus(REPEAT_EVERY))) {
                return new Streak(latest, since, now, suppressed, failures + 1, true, false, true);
            }
            int left = warn ? 0 : suppressed;
            return new Streak(latest, since, lastWarned, left + 1, failures + 1, false, false, told);
        }
    }

    /** What is kept of an ended streak for {@link #REPEAT_EVERY}: its last WARNING, and the failures told since at FINE only. */
    record Quiet(Instant lastWarned, int suppressed) {
    }

    /** Ended streaks kept at most before those older than {@link #REPEAT_EVERY} are forgotten. */
    private static final int MAX_QUIET = 1_000;

    private final Map<CredentialId, Streak> streaks = new ConcurrentHashMap<>();
    /** Ended streaks whose last WARNING is recent; not read on the hot path (see {@link #isEmpty()}). */
    private final Map<CredentialId, Quiet> quiet = new ConcurrentHashMap<>();

    /** Counts a failure of {@code id}; the answer says whether to WARN. */
    Streak failed(CredentialId id, Kind kind, Instant now) {
        if (quiet.size() > MAX_QUIET) {
            quiet.values().removeIf(q -> !now.isBefore(q.lastWarned().plus(REPEAT_EVERY)));
        }
        return streaks.compute(id, (k, s) -> {
            if (s != null && !s.replaced()) {
                return s.next(kind, now);
            }
            Quiet ended = quiet.remove(id);
            return s == null && ended != null ? Streak.after(ended, kind, now) : Streak.start(kind, now);
        });
    }

    /**
     * Ends {@code id}'s streak when its failures were of {@code kind}: the ended streak when it was
     * told at WARNING (its end is to be told at INFO), else null.
     */
    Streak succeeded(CredentialId id, Kind kind) {
        if (!streaks.containsKey(id)) {
            return null; // the usual answer while another credential fails: no lock, no allocation
        }
        Streak[] ended = new Streak[1];
        streaks.computeIfPresent(id, (k, s) -> {
            if (s.kind() != kind) {
                return s;
            }
            ended[0] = s;
            if (!s.replaced()) {
                // kept within the streak's own update, so that a failure racing with it sees one or the other
                quiet.put(id, new Quiet(s.lastWarned(), s.warn() ? 0 : s.suppressed()));
            }
            return null;
        });
        return ended[0] != null && ended[0].told() ? ended[0] : null;
    }

    /** A tenant saved anew or removed: its next failure starts a new streak (and WARNs), its next success is told. */
    void replaced(String client, String tenant) {
        streaks.replaceAll((id, s) -> id.client().equals(client) && id.tenant().equals(tenant)
                ? new Streak(s.kind(), s.since(), s.lastWarned(), s.suppressed(), s.failures(), false, true, true) : s);
        quiet.keySet().removeIf(id -> id.client().equals(client) && id.tenant().equals(tenant));
        if (streaks.size() > MAX_REPLACED) {
            // removed tenants are never used again: their streaks would stay for good
            streaks.values().removeIf(Streak::replaced);
        }
    }

    boolean isEmpty() {
        return streaks.isEmpty();
    }

    /** When {@code id}'s streak began; null when it has none. */
    Instant since(CredentialId id) {
        Streak s = streaks.get(id);
        return s == null ? null : s.since();
    }
}
