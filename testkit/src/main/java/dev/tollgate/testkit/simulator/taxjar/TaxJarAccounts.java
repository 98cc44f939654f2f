package dev.tollgate.testkit.simulator.taxjar;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The merchants a simulated TaxJar knows, per environment. Sandbox and production are separate
 * token sets, as at TaxJar: a sandbox token is unknown to production and the reverse.
 */
public final class TaxJarAccounts {

    public static final String SANDBOX = "sandbox";
    public static final String PRODUCTION = "production";

    /** A merchant's account as TaxJar sees it. Inactive: token deactivated or subscription expired. */
    public record Account(String merchant, boolean active) {
    }

    private final Map<String, Map<String, Account>> byEnvironment = new ConcurrentHashMap<>();

    /** The accounts of {@link TaxJarFixture}. */
    public static TaxJarAccounts standard() {
        return new TaxJarAccounts()
                .add(SANDBOX, TaxJarFixture.ACME_SANDBOX_TOKEN, "acme", true)
                .add(SANDBOX, TaxJarFixture.GLOBEX_SANDBOX_TOKEN, "globex", true)
                .add(SANDBOX, TaxJarFixture.INITECH_SANDBOX_TOKEN, "initech", false)
                .add(PRODUCTION, TaxJarFixture.ACME_PRODUCTION_TOKEN, "acme", true);
    }

    public TaxJarAccounts add(String environment, String token, String merchant, boolean active) {
        byEnvironment.computeIfAbsent(environment, e -> new ConcurrentHashMap<>()).put(token, new Account(merchant, active));
        return this;
    }

    /** The merchant regenerated or deleted the token in the TaxJar app: it stops working. */
    public void revoke(String token) {
        byEnvironment.values().forEach(tokens -> tokens.remove(token));
    }

    public boolean knowsEnvironment(String environment) {
        return byEnvironment.containsKey(environment);
    }

    public Optional<Account> find(String environment, String token) {
        return Optional.ofNullable(byEnvironment.getOrDefault(environment, Map.of()).get(token));
    }

    public Set<String> environments() {
        return Set.copyOf(byEnvironment.keySet());
    }
}
