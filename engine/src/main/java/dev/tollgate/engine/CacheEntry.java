package dev.tollgate.engine;

import java.time.Instant;

/**
 * One cached credential as an operator may see it: whose it is, its value masked (the last four
 * characters of a long value, nothing of a short one), when it turns stale and expires, and how
 * many times it has been fetched since the entry was created.
 *
 * @param tenant    "" for a client without tenants
 * @param expiresAt null for a credential that never expires (a configured API token)
 * @param fetches   token requests (or configuration reads, for static credentials) made for this entry
 */
public record CacheEntry(String client, String tenant, String credential, String maskedValue, Instant obtainedAt,
                         Instant staleAt, Instant expiresAt, long fetches) {

    /** "fresh", "stale" (served while a refresh is due) or "expired". */
    public String stateAt(Instant now) {
        if (expiresAt != null && !now.isBefore(expiresAt)) {
            return "expired";
        }
        return staleAt == null || now.isBefore(staleAt) ? "fresh" : "stale";
    }
}
