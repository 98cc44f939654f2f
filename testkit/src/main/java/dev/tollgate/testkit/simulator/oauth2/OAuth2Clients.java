package dev.tollgate.testkit.simulator.oauth2;

import java.security.PublicKey;
import java.security.interfaces.ECKey;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The clients registered with a simulated RFC 6749 authorization server: how each must
 * authenticate (§2.3.1: HTTP Basic or credentials in the body), which scopes it may ask for, how
 * long its access tokens live, and whether it gets refresh tokens and whether those rotate.
 */
public final class OAuth2Clients {

    /**
     * The client authentication methods of RFC 6749 §2.3.1 and RFC 7523 §2.2 (a JWT signed with
     * the client's private key, or with its secret), named as in RFC 8414 metadata.
     */
    public enum AuthMethod {
        CLIENT_SECRET_BASIC, CLIENT_SECRET_POST, PRIVATE_KEY_JWT, CLIENT_SECRET_JWT
    }

    /**
     * A {@code private_key_jwt} client's registered public key (a real server reads it from the
     * client's JWKS), the {@code kid} it is registered under (null: any or none), and the algorithms
     * the client may sign with (empty: RS256 and PS256 for an RSA key, PS256 only for an RSA key
     * restricted to RSASSA-PSS, ES256 for an EC key).
     */
    public record AssertionKey(PublicKey key, String keyId, Set<String> algorithms) {

        public AssertionKey {
            algorithms = !algorithms.isEmpty() ? Set.copyOf(algorithms)
                    : key instanceof ECKey ? Set.of("ES256")
                    : key.getAlgorithm().equals("RSASSA-PSS") ? Set.of("PS256") // a key restricted to PSS (RFC 4055)
                    : Set.of("RS256", "PS256");
        }
    }

    /**
     * One confidential client.
     *
     * @param rotatesRefreshTokens each refresh returns a new refresh token and retires the one used
     */
    public record Client(String clientId, String clientSecret, AuthMethod authMethod, Set<String> scopes,
                         Duration accessTokenLifetime, boolean issuesRefreshTokens, boolean rotatesRefreshTokens) {

        public Client {
            scopes = Set.copyOf(scopes);
        }

        @Override
        public String toString() {
            return "Client[" + clientId + ", " + authMethod + ", " + scopes + "]"; // no secret
        }
    }

    private final Map<String, Client> byId = new ConcurrentHashMap<>();
    private final Map<String, AssertionKey> assertionKeys = new ConcurrentHashMap<>();

    /** The clients of {@link OAuth2Fixture}. */
    public static OAuth2Clients standard() {
        return new OAuth2Clients()
                .add(new Client(OAuth2Fixture.BILLING_CLIENT_ID, OAuth2Fixture.BILLING_CLIENT_SECRET,
                        AuthMethod.CLIENT_SECRET_BASIC, Set.of("invoices:read", "invoices:write"),
                        Duration.ofHours(1), true, true))
                .add(new Client(OAuth2Fixture.REPORTING_CLIENT_ID, OAuth2Fixture.REPORTING_CLIENT_SECRET,
                        AuthMethod.CLIENT_SECRET_POST, Set.of("reports:read"),
                        Duration.ofMinutes(10), true, false))
                .add(new Client(OAuth2Fixture.METRICS_CLIENT_ID, OAuth2Fixture.METRICS_CLIENT_SECRET,
                        AuthMethod.CLIENT_SECRET_BASIC, Set.of("metrics:write"),
                        Duration.ofMinutes(5), false, false));
    }

    public OAuth2Clients add(Client client) {
        byId.put(client.clientId(), client);
        return this;
    }

    /** A {@code private_key_jwt} client (its {@code clientSecret} unused) and its public key. */
    public OAuth2Clients add(Client client, AssertionKey key) {
        assertionKeys.put(client.clientId(), key);
        return add(client);
    }

    public Optional<AssertionKey> assertionKey(String clientId) {
        return Optional.ofNullable(clientId).map(assertionKeys::get);
    }

    public Optional<Client> find(String clientId) {
        return Optional.ofNullable(clientId).map(byId::get);
    }
}
