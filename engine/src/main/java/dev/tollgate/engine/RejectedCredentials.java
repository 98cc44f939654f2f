package dev.tollgate.engine;

import dev.tollgate.engine.observe.CredentialId;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * The credentials a vendor refuses now, for the readiness report. A refusal by the API (401) ends
 * with an answer other than 401 for that credential; a refusal by a token endpoint ends with a
 * fetch that succeeds (a renewed token the API then refuses again is not "working again"); both
 * end when the tenant's values are replaced or removed.
 */
final class RejectedCredentials {

    /** @param byApi true when the API refused it, false when a token endpoint did */
    record Rejection(String reason, Instant since, boolean byApi) {
    }

    private final Map<CredentialId, Rejection> rejected = new ConcurrentHashMap<>();

    void reject(CredentialId id, String reason, Instant now, boolean byApi) {
        rejected.merge(id, new Rejection(reason, now, byApi), (was, now_) -> new Rejection(now_.reason(), was.since(), now_.byApi()));
    }

    /** The cheap check of the hot path: nothing is refused (the usual case). */
    boolean isEmpty() {
        return rejected.isEmpty();
    }

    /** Clears {@code id}'s refusal when it came from the API ({@code byApi}) or from a token endpoint. */
    boolean clear(CredentialId id, boolean byApi) {
        Rejection r = rejected.get(id);
        return r != null && r.byApi() == byApi && rejected.remove(id, r);
    }

    void clearTenant(String client, String tenant) {
        rejected.keySet().removeIf(id -> id.client().equals(client) && id.tenant().equals(tenant));
    }

    void forEach(BiConsumer<CredentialId, Rejection> action) {
        rejected.forEach(action);
    }
}
