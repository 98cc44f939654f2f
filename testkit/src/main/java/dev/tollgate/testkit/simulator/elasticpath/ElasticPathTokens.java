package dev.tollgate.testkit.simulator.elasticpath;

import dev.tollgate.testkit.log.IssuedTokens;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The three kinds of token a simulated Elastic Path issues: access tokens
 * (1 hour, a new one on every request, never refreshed), customer tokens and account management
 * tokens (24 hours). A token is valid only while the clock is before its expiry, and only for
 * the store — hence the region — that issued it.
 */
final class ElasticPathTokens {

    static final Duration ACCESS_LIFETIME = Duration.ofSeconds(3600);
    static final Duration SHOPPER_LIFETIME = Duration.ofHours(24);

    static final String CLIENT_CREDENTIALS = "client_credentials";
    static final String IMPLICIT = "implicit";

    record AccessToken(String token, String region, String clientId, String grant, Instant expiresAt) {

        boolean mayWrite() {
            return CLIENT_CREDENTIALS.equals(grant);
        }

        @Override
        public String toString() {
            return "AccessToken[" + region + ", " + clientId + ", " + grant + "]";
        }
    }

    record CustomerToken(String id, String token, String clientId, String customerId, Instant expiresAt) {

        @Override
        public String toString() {
            return "CustomerToken[" + clientId + ", " + customerId + "]";
        }
    }

    record AccountToken(String token, String clientId, String accountId, Instant expiresAt) {

        @Override
        public String toString() {
            return "AccountToken[" + clientId + ", " + accountId + "]";
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Clock clock;
    private final Duration accessLifetime;
    private final Map<String, AccessToken> access = new ConcurrentHashMap<>();
    private final Map<String, CustomerToken> customers = new ConcurrentHashMap<>();
    private final Map<String, AccountToken> accounts = new ConcurrentHashMap<>();

    ElasticPathTokens(Clock clock, Duration accessLifetime) {
        this.clock = clock;
        this.accessLifetime = accessLifetime;
    }

    Duration accessLifetime() {
        return accessLifetime;
    }

    AccessToken issueAccess(String region, String clientId, String grant) {
        AccessToken t = new AccessToken(IssuedTokens.record(HexFormat.of().formatHex(randomBytes(20))), region, clientId, grant,
                now().plus(accessLifetime));
        access.put(t.token(), t);
        return t;
    }

    CustomerToken issueCustomer(String clientId, String customerId) {
        CustomerToken t = new CustomerToken(UUID.randomUUID().toString(), opaque(), clientId, customerId,
                now().plus(SHOPPER_LIFETIME));
        customers.put(t.token(), t);
        return t;
    }

    AccountToken issueAccount(String clientId, String accountId) {
        AccountToken t = new AccountToken(opaque(), clientId, accountId, now().plus(SHOPPER_LIFETIME));
        accounts.put(t.token(), t);
        return t;
    }

    /** An unexpired access token issued in this region. */
    Optional<AccessToken> validAccess(String region, String token) {
        return Optional.ofNullable(token).map(access::get)
                .filter(t -> t.region().equals(region) && live(t.expiresAt()));
    }

    /** An unexpired customer token of this store. */
    Optional<CustomerToken> validCustomer(String clientId, String token) {
        return Optional.ofNullable(token).map(customers::get)
                .filter(t -> t.clientId().equals(clientId) && live(t.expiresAt()));
    }

    /** An unexpired account management token of this store. */
    Optional<AccountToken> validAccount(String clientId, String token) {
        return Optional.ofNullable(token).map(accounts::get)
                .filter(t -> t.clientId().equals(clientId) && live(t.expiresAt()));
    }

    void revoke(String token) {
        access.remove(token);
        customers.remove(token);
        accounts.remove(token);
    }

    // whole seconds: expiries travel as epoch seconds or second-precision ISO strings
    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    private boolean live(Instant expiresAt) {
        return clock.instant().isBefore(expiresAt);
    }

    private static String opaque() {
        return IssuedTokens.record(Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(48)));
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
