package dev.tollgate.engine;

import dev.tollgate.spi.Credential;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A credential with the headers that carry it, built and checked once when the credential is
 * obtained, so that attaching it to a request is a plain copy. Its state is computed from the
 * clock: fresh until {@code staleAt}, stale (still served, refreshed in the background) until it
 * expires, then expired. A credential that never expires is always fresh.
 */
public record CachedCredential(Credential credential, Map<String, String> headers, Instant obtainedAt, Instant staleAt,
                               Runnable revocation, AtomicBoolean refreshTokenSpent, String sharedId) {

    public CachedCredential(Credential credential, Map<String, String> headers, Instant obtainedAt, Instant staleAt,
                            Runnable revocation) {
        this(credential, headers, obtainedAt, staleAt, revocation, new AtomicBoolean(), null);
    }

    /** A credential nothing needs to revoke. */
    public CachedCredential(Credential credential, Map<String, String> headers, Instant obtainedAt, Instant staleAt) {
        this(credential, headers, obtainedAt, staleAt, null);
    }

    /**
     * Claims this credential's refresh token for one refresh: true the first time only. A refresh
     * token is presented at most once, whatever the outcome: after a lost answer the server may
     * already have rotated it, and presenting it again would be reuse (RFC 9700 treats reuse as
     * theft and revokes the whole grant).
     */
    boolean claimRefreshToken(Instant now) {
        return credential.canRefreshAt(now) && refreshTokenSpent.compareAndSet(false, true);
    }

    /**
     * This credential as the cluster tier names its shared copy ({@code sharedId}, null when it
     * is this server's own): the same credential, whose refresh token counts as spent when either is.
     */
    CachedCredential sharedAs(String id) {
        return new CachedCredential(credential, headers, obtainedAt, staleAt, revocation, refreshTokenSpent, id);
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
