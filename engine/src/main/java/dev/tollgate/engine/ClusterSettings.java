package dev.tollgate.engine;

import dev.tollgate.api.ClientRef;
import dev.tollgate.api.TollgateConfigException;
import dev.tollgate.engine.cluster.SharedMap;
import dev.tollgate.engine.cluster.SharedMapProvider;
import dev.tollgate.engine.store.SealedValues;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.eclipse.microprofile.config.Config;

/**
 * {@code tollgate.cache} and the keys of the cluster tier: read, checked with messages naming
 * the key, and turned into the tier on the server's own shared map.
 */
final class ClusterSettings {

    private static final ClientRef ENGINE = ClientRef.client("*");

    private ClusterSettings() {
    }

    /** True for {@code tollgate.cache=cluster}; false for {@code local} or nothing. */
    static boolean clustered(Config config) {
        String value = config.getOptionalValue(SharedCredentials.CACHE, String.class).map(String::trim).orElse("");
        return switch (value) {
            case "", "local" -> false;
            case "cluster" -> true;
            default -> throw new TollgateConfigException(ENGINE, SharedCredentials.CACHE + " must be local (the default: each"
                    + " server keeps its own credentials) or cluster (the servers of a cluster share them).");
        };
    }

    /** {@code tollgate.cache.fetch-lease}: an ISO-8601 duration from a second to five minutes. */
    static Duration fetchLease(Config config) {
        Optional<String> raw = config.getOptionalValue(SharedCredentials.FETCH_LEASE, String.class).map(String::trim)
                .filter(v -> !v.isEmpty());
        if (raw.isEmpty()) {
            return SharedCredentials.DEFAULT_FETCH_LEASE;
        }
        try {
            Duration lease = Duration.parse(raw.get());
            if (lease.compareTo(SharedCredentials.MIN_FETCH_LEASE) >= 0 && lease.compareTo(SharedCredentials.MAX_FETCH_LEASE) <= 0) {
                return lease;
            }
        } catch (DateTimeParseException e) {
            // told below
        }
        throw new TollgateConfigException(ENGINE, SharedCredentials.FETCH_LEASE + " is not an ISO-8601 duration from PT1S to PT5M"
                + " (such as PT10S): how long one server's fetch for the cluster may hold the others back.");
    }

    /** What is wrong with the cluster keys, found without reaching the cluster; empty for {@code local}. */
    static List<TollgateConfigException> problems(Config config, ClassLoader loader) {
        List<TollgateConfigException> problems = new ArrayList<>();
        try {
            if (!clustered(config)) {
                return problems;
            }
            fetchLease(config);
        } catch (TollgateConfigException e) {
            problems.add(e);
            return problems;
        }
        try {
            SealedValues.fromConfig(config);
        } catch (IllegalArgumentException e) {
            problems.add(new TollgateConfigException(ENGINE, SharedCredentials.CACHE + " is cluster, which seals each shared"
                    + " credential with the tenant store's key: " + e.getMessage()));
        }
        if (providers(loader).isEmpty()) {
            problems.add(new TollgateConfigException(ENGINE, SharedCredentials.CACHE + " is cluster, but the application has"
                    + " no cluster module (tollgate-cluster-infinispan for WildFly, tollgate-cluster-hazelcast for Payara):"
                    + " add it to the archive, or set " + SharedCredentials.CACHE + "=local."));
        }
        return problems;
    }

    /**
     * The cluster tier for {@code tollgate.cache=cluster}, on {@code given} or on the map the first
     * provider that knows this server finds; null for {@code local}.
     *
     * @throws TollgateConfigException naming the key, when a key is wrong or no provider finds a map
     */
    static SharedCredentials open(Config config, ClassLoader loader, SharedMap given, Clock clock) {
        if (!clustered(config)) {
            return null;
        }
        Duration lease = fetchLease(config);
        SealedValues seals;
        try {
            seals = SealedValues.fromConfig(config);
        } catch (IllegalArgumentException e) {
            throw new TollgateConfigException(ENGINE, SharedCredentials.CACHE + " is cluster, which seals each shared"
                    + " credential with the tenant store's key: " + e.getMessage());
        }
        SharedMap map = given != null ? given : find(config, loader);
        return new SharedCredentials(map, seals, lease, clock);
    }

    private static SharedMap find(Config config, ClassLoader loader) {
        List<String> tried = new ArrayList<>();
        for (SharedMapProvider provider : providers(loader)) {
            tried.add(provider.name());
            Optional<SharedMap> map = provider.open(config);
            if (map.isPresent()) {
                return map.get();
            }
        }
        throw new TollgateConfigException(ENGINE, SharedCredentials.CACHE + " is cluster, but " + (tried.isEmpty()
                ? "the application has no cluster module (tollgate-cluster-infinispan, tollgate-cluster-hazelcast)"
                : "none of " + tried + " found its engine's shared map on this server (see server-config/README.md:"
                + " the server's script defines it)") + "; or set " + SharedCredentials.CACHE + "=local.");
    }

    private static List<SharedMapProvider> providers(ClassLoader loader) {
        List<SharedMapProvider> found = new ArrayList<>();
        try {
            ServiceLoader.load(SharedMapProvider.class, loader).forEach(found::add);
        } catch (ServiceConfigurationError e) {
            throw new TollgateConfigException(ENGINE, "a cluster module could not be loaded (" + e.getMessage() + ").");
        }
        return found;
    }
}
