package dev.tollgate.engine;

import java.time.Instant;

/**
 * One cached credential as an operator may see it: whose it is, its value masked (the last four
 * characters of a long value, nothing of a short one), when it turns stale and expires, and how
 * many times it has been fetched since the entry was created.
 *
 * @param tenant    "" for a client without tenants
 * @param expiresAt null for a credential that never expires (a configured API token)
 * @param maskedValue  "" when no credential is held (its fetch failed)
 * @param obtainedAt   null when no credential is held; else when the credential was last obtained or renewed
 * @param fetches      token requests (or configuration reads, for static credentials) made for this entry
 * @param coolingUntil when the cooldown after the last failed renewal ends; null when the last renewal did not fail
 * @param lastError    the message of the last failed renewal (no secret in it, as in every message); null when none failed since
 */
public record CacheEntry(String client, String tenant, String credential, String maskedValue, Instant obtainedAt,
                         Instant staleAt, Instant expiresAt, long fetches, Instant coolingUntil, String lastError) {

    /**
     * "cooling down" (a renewal failed and the endpoint is left alone until {@code coolingUntil};
     * a valid credential is still served), "failed" (no credential: the last fetch failed and the
     * cooldown is over; the next call tries again), "expired", "stale" (served while a refresh is due) or "fresh".
     */
    public String stateAt(Instant now) {
        if (coolingUntil != null && now.isBefore(coolingUntil)) {
            return "cooling down";
        }
        if (obtainedAt == null) {
            return "failed";
        }
        if (expiresAt != null && !now.isBefore(expiresAt)) {
            return "expired";
        }
        return staleAt == null || now.isBefore(staleAt) ? "fresh" : "stale";
    }
}
