package dev.tollgate.engine;

import dev.tollgate.api.ClientRef;
import dev.tollgate.api.TollgateConfigException;
import dev.tollgate.api.runtime.TenantContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What makes a client's tenant names unusable: a name that cannot be one segment of a key, and
 * two names whose keys read the same environment variable. MicroProfile Config looks a key up in
 * the environment with every character that is not a letter or digit turned into {@code _} and
 * in upper case, so {@code acme-eu} and {@code acme_eu} (or {@code ACME-EU}) would share every
 * secret set that way.
 */
final class TenantNames {

    private TenantNames() {
    }

    static List<TollgateConfigException> problems(ClientRef client, Set<String> tenants) {
        List<TollgateConfigException> problems = new ArrayList<>();
        String listKey = ConfigKeys.clientKey(client.client(), ConfigKeys.TENANTS);
        Map<String, String> byVariable = new HashMap<>();
        for (String tenant : tenants) {
            if (!TenantContext.isValidName(tenant)) {
                problems.add(new TollgateConfigException(client, "the tenant '" + tenant.replaceAll("[^A-Za-z0-9_.-]", "?")
                        + "' (under " + listKey + ") is not a valid name: use letters, digits, '-' and '_'."));
                continue;
            }
            String variable = environmentName(tenant);
            String other = byVariable.putIfAbsent(variable, tenant);
            if (other != null) {
                String first = other.compareTo(tenant) < 0 ? other : tenant;
                String second = first.equals(other) ? tenant : other;
                problems.add(new TollgateConfigException(client, "the tenants '" + first + "' and '" + second
                        + "' (under " + listKey + ") read the same environment variables (..._" + variable
                        + "_...), so one could get the other's secrets; rename one of them."));
            }
        }
        return problems;
    }

    /** The part of an environment variable's name that a tenant's keys look for. */
    static String environmentName(String tenant) {
        return tenant.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }
}
