package dev.tollgate.engine;

import dev.tollgate.spi.Credential;
import java.time.Instant;
import java.util.Map;

/**
 * A credential with the headers that carry it, built and checked once when the credential is
 * obtained, so that attaching it to a request is a plain copy. Its state is computed from the
 * clock: fresh until {@code staleAt}, stale (still served, refreshed in the background) until it
 * expires, then expired. A credential that never expires is always fresh.
 */
public record CachedCredential(Credential credential, Map<String, String> headers, Instant obtainedAt, Instant staleAt,
                               Runnable revocation) {

    /** A credential nothing needs to revoke. */
    public CachedCredential(Credential credential, Map<String, String> headers, Instant obtainedAt, Instant staleAt) {
        this(credential, headers, obtainedAt, staleAt, null);
    }

    public boolean isFreshAt(Instant now) {
        return staleAt == null || now.isBefore(staleAt);
    }

    public boolean isExpiredAt(Instant now) {
        return credential.expiresAt().map(expiry -> !now.isBefore(expiry)).orElse(false);
    }

    @Override
    public String toString() {
        return "CachedCredential[" + credential + ", obtained " + obtainedAt + "]";
    }
}
