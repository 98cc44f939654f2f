package dev.tollgate.engine.store;

import java.util.Map;
import java.util.Set;

/**
 * One stored tenant as read back: its values, clear, and which of them are secret.
 *
 * @param revision changes on every save of the tenant (see {@link TenantStore#revision})
 */
public record StoredTenant(String client, String tenant, long revision, Map<String, String> values, Set<String> secretKeys) {

    public StoredTenant {
        values = Map.copyOf(values);
        secretKeys = Set.copyOf(secretKeys);
    }

    @Override
    public String toString() {
        // values are credentials: never in a log line or a message
        return "StoredTenant[" + client + "/" + tenant + ", revision " + revision + ", keys " + new java.util.TreeSet<>(values.keySet()) + "]";
    }
}
