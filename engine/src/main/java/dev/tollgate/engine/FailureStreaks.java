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
 * after the tenant's values were replaced (new values, new mistake).
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
    record Streak(Kind kind, Instant since, Instant lastWarned, int suppressed, int failures, boolean warn, boolean replaced) {

        static Streak start(Kind kind, Instant now) {
            return new Streak(kind, now, now, 0, 1, true, false);
        }

        Streak next(Kind latest, Instant now) {
            if (!now.isBefore(lastWarned.plus(REPEAT_EVERY))) {
                return new Streak(latest, since, now, suppressed, failures + 1, true, false);
            }
            int left = warn ? 0 : suppressed;
            return new Streak(latest, since, lastWarned, left + 1, failures + 1, false, false);
        }
    }

    private final Map<CredentialId, Streak> streaks = new ConcurrentHashMap<>();

    /** Counts a failure of {@code id}; the answer says whether to WARN. */
    Streak failed(CredentialId id, Kind kind, Instant now) {
        return streaks.compute(id, (k, s) -> s == null || s.replaced() ? Streak.start(kind, now) : s.next(kind, now));
    }

    /** Ends {@code id}'s streak when its failures were of {@code kind}: the ended streak, else null. */
    Streak succeeded(CredentialId id, Kind kind) {
        if (streaks.isEmpty()) {
            return null;
        }
        Streak[] ended = new Streak[1];
        streaks.computeIfPresent(id, (k, s) -> {
            if (s.kind() != kind) {
                return s;
            }
            ended[0] = s;
            return null;
        });
        return ended[0];
    }

    /** A tenant saved anew or removed: its next failure starts a new streak (and WARNs), its next success is told. */
    void replaced(String client, String tenant) {
        streaks.replaceAll((id, s) -> id.client().equals(client) && id.tenant().equals(tenant)
                ? new Streak(s.kind(), s.since(), s.lastWarned(), s.suppressed(), s.failures(), false, true) : s);
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
