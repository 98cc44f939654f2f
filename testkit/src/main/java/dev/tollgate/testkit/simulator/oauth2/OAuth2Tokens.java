package dev.tollgate.testkit.simulator.oauth2;

import dev.tollgate.testkit.log.IssuedTokens;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The access and refresh tokens a simulated RFC 6749 server has issued. Access tokens expire by
 * the injected clock; refresh tokens live until revoked or, for a rotating client, used once
 * (RFC 6749 §6, RFC 9700 §4.14.2). Redeeming is atomic, so of two concurrent refreshes with one
 * rotating refresh token exactly one succeeds — the race a token engine must survive.
 */
final class OAuth2Tokens {

    record AccessGrant(String token, String clientId, String scope, String audience, Instant expiresAt) {

        @Override
        public String toString() {
            return "AccessGrant[" + clientId + ", " + scope + ", " + expiresAt + "]";
        }
    }

    record RefreshGrant(String token, String clientId, String scope, String audience) {

        @Override
        public String toString() {
            return "RefreshGrant[" + clientId + ", " + scope + "]";
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Clock clock;
    private final Map<String, AccessGrant> access = new ConcurrentHashMap<>();
    private final Map<String, RefreshGrant> refresh = new ConcurrentHashMap<>();
    /** RFC 8705 §3: access tokens bound to a client certificate, by its SHA-256 thumbprint. */
    private final Map<String, String> certificateBound = new ConcurrentHashMap<>();

    OAuth2Tokens(Clock clock) {
        this.clock = clock;
    }

    AccessGrant issueAccess(String clientId, String scope, String audience, Duration lifetime) {
        AccessGrant grant = new AccessGrant(opaque(), clientId, scope, audience, clock.instant().plus(lifetime));
        access.put(grant.token(), grant);
        return grant;
    }

    RefreshGrant issueRefresh(String clientId, String scope, String audience) {
        RefreshGrant grant = new RefreshGrant(opaque(), clientId, scope, audience);
        refresh.put(grant.token(), grant);
        return grant;
    }

    /** Binds an access token to the client certificate of {@code thumbprint} (RFC 8705 §3). */
    void bind(String accessToken, String thumbprint) {
        certificateBound.put(accessToken, thumbprint);
    }

    /** The thumbprint of the certificate an access token is bound to; empty for a token any bearer may use. */
    Optional<String> boundTo(String accessToken) {
        return Optional.ofNullable(certificateBound.get(accessToken));
    }

    /** An access token that exists and has not expired. */
    Optional<AccessGrant> validAccess(String token) {
        return Optional.ofNullable(token).map(access::get).filter(g -> clock.instant().isBefore(g.expiresAt()));
    }

    /**
     * The grant behind a refresh token presented by this client; with {@code retire} the token
     * is used up in the same step. A token of another client is neither accepted nor used up.
     */
    Optional<RefreshGrant> redeem(String token, String clientId, boolean retire) {
        RefreshGrant grant = token == null ? null : refresh.get(token);
        if (grant == null || !grant.clientId().equals(clientId)) {
            return Optional.empty();
        }
        return !retire || refresh.remove(token, grant) ? Optional.of(grant) : Optional.empty();
    }

    void revoke(String token) {
        access.remove(token);
        refresh.remove(token);
        certificateBound.remove(token);
    }

    private static String opaque() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return IssuedTokens.record(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** The refresh tokens that still work, for tests that look for them where they must not be. */
    java.util.Set<String> liveRefreshTokens() {
        return java.util.Set.copyOf(refresh.keySet());
    }
}
