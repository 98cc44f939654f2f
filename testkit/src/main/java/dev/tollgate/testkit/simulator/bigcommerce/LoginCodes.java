package dev.tollgate.testkit.simulator.bigcommerce;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The authorization codes the login service has handed out with auth callbacks: each bound to the
 * store, the app and the {@code redirect_uri} registered when it was issued, short-lived by the
 * simulator's clock, and good for one exchange.
 */
final class LoginCodes {

    /** BigCommerce does not publish a code's lifetime; a short one, as OAuth servers use (RFC 6749 §4.1.2). */
    static final Duration DEFAULT_LIFETIME = Duration.ofSeconds(30);

    record Grant(String code, String clientId, String storeHash, String scope, String redirectUri, Instant expiresAt) {

        String context() {
            return "stores/" + storeHash;
        }

        @Override
        public String toString() {
            return "Grant[" + clientId + ", stores/" + storeHash + ", " + expiresAt + "]"; // never the code
        }
    }

    private final Clock clock;
    private final Map<String, Grant> byCode = new ConcurrentHashMap<>();
    private volatile Duration lifetime = DEFAULT_LIFETIME;

    LoginCodes(Clock clock) {
        this.clock = clock;
    }

    void lifetime(Duration lifetime) {
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("a code lives longer than zero");
        }
        this.lifetime = lifetime;
    }

    Grant issue(String clientId, String storeHash, String scope, String redirectUri) {
        Instant now = clock.instant();
        // codes nobody exchanged would pile up in a long-running sandbox
        byCode.values().removeIf(g -> !now.isBefore(g.expiresAt()));
        Grant grant = new Grant(Opaque.issue(40), clientId, storeHash, scope, Objects.requireNonNull(redirectUri), now.plus(lifetime));
        byCode.put(grant.code(), grant);
        return grant;
    }

    /**
     * The grant behind a code presented by this client, used up in the same step (so of two
     * concurrent exchanges exactly one gets it), expired or not: the caller checks the rest. A
     * code of another app is neither handed out nor used up.
     */
    Optional<Grant> redeem(String code, String clientId) {
        Grant grant = code == null ? null : byCode.get(code);
        if (grant == null || !grant.clientId().equals(clientId)) {
            return Optional.empty();
        }
        return byCode.remove(code, grant) ? Optional.of(grant) : Optional.empty();
    }

    boolean expired(Grant grant) {
        return !clock.instant().isBefore(grant.expiresAt());
    }

    /** The app was uninstalled from the store: its codes there are worthless. */
    void dropFor(String clientId, String storeHash) {
        byCode.values().removeIf(g -> g.clientId().equals(clientId) && g.storeHash().equals(storeHash));
    }
}
