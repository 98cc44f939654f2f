package dev.tollgate.testkit.simulator.sila;

import dev.tollgate.testkit.log.IssuedTokens;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The access tokens a simulated Sila has issued, with the reuse rule Sila documents (providers/sila/PROTOCOL.md):
 * asking again while the app's current token has more than 30 minutes left returns that same
 * token; at 30 minutes or less a fresh 8-hour token is issued, and the old one stays valid until
 * its own expiry.
 */
final class SilaTokens {

    static final Duration LIFETIME = Duration.ofHours(8);
    static final Duration REUSE_WHILE_MORE_THAN = Duration.ofMinutes(30);

    /** One issued token; valid while the clock is before {@code expiresAt}. */
    record Issued(String token, String environment, String appHandle, Instant expiresAt) {

        boolean expiredAt(Instant now) {
            return !now.isBefore(expiresAt);
        }

        @Override
        public String toString() {
            return "Issued[" + environment + ", " + appHandle + ", " + expiresAt + "]"; // no token
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final String JWT_HEADER = base64url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");

    private final Clock clock;
    private final Duration lifetime;
    private final Map<String, Issued> byToken = new ConcurrentHashMap<>();
    private final Map<String, Issued> currentByApp = new HashMap<>(); // guarded by this

    SilaTokens(Clock clock, Duration lifetime) {
        this.clock = clock;
        this.lifetime = lifetime;
    }

    /** The token auth_token answers for this app now, applying the reuse rule. */
    synchronized Issued tokenFor(String environment, String appHandle) {
        // whole seconds: the expiry travels as epoch seconds, and tests compare it exactly
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        String app = environment + "/" + appHandle;
        Issued current = currentByApp.get(app);
        if (current != null && byToken.containsKey(current.token())
                && Duration.between(now, current.expiresAt()).compareTo(REUSE_WHILE_MORE_THAN) > 0) {
            return current;
        }
        Instant expiresAt = now.plus(lifetime);
        Issued fresh = new Issued(jwtLooking(now, expiresAt), environment, appHandle, expiresAt);
        byToken.put(fresh.token(), fresh);
        currentByApp.put(app, fresh);
        return fresh;
    }

    Optional<Issued> find(String token) {
        return Optional.ofNullable(byToken.get(token));
    }

    /** The token stops working at once; the app's next auth_token call gets a fresh one. */
    synchronized void revoke(String token) {
        Issued removed = byToken.remove(token);
        if (removed != null) {
            currentByApp.remove(removed.environment() + "/" + removed.appHandle(), removed);
        }
    }

    /**
     * A random string shaped like Sila's tokens: three base64url parts, 205 characters. It is not
     * a verifiable JWT (clients must treat it as opaque), but its {@code exp} claim matches the
     * returned expiry, so a client that peeks does not get misled.
     */
    private static String jwtLooking(Instant issuedAt, Instant expiresAt) {
        String claims = "{\"jti\":\"" + UUID.randomUUID() + "\",\"iss\":\"sila\",\"iat\":"
                + issuedAt.getEpochSecond() + ",\"exp\":" + expiresAt.getEpochSecond() + "}";
        byte[] signature = new byte[32];
        RANDOM.nextBytes(signature);
        return IssuedTokens.record(JWT_HEADER + "." + base64url(claims) + "." + BASE64URL.encodeToString(signature));
    }

    private static String base64url(String s) {
        return BASE64URL.encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
