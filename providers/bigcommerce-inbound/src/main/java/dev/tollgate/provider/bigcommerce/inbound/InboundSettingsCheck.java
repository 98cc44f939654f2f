package dev.tollgate.provider.bigcommerce.inbound;

import dev.tollgate.api.TollgateConfigException;
import dev.tollgate.provider.bigcommerce.BigCommerceProvider;
import dev.tollgate.spi.ConfiguredClients;
import dev.tollgate.spi.DeploymentCheck;
import dev.tollgate.spi.TenantSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Fails deployment on BigCommerce inbound settings that would otherwise fail every request or,
 * worse, guard nothing: unmatchable {@code callback-paths} or {@code tax-provider-paths}, callback
 * paths without the app's {@code client-id} and {@code client-secret}, Tax Provider paths without
 * the {@code tax-provider-username} and {@code tax-provider-password} of every store, and bad
 * {@code jwt-*} keys, and inbound paths written under a tenant (the mechanism reads the client's).
 * Each problem names its key; the engine runs this check at deployment, after its own, which has already
 * reported what outgoing calls need; a client it could not bind is left to it.
 */
public final class InboundSettingsCheck implements DeploymentCheck {

    /** Every inbound problem of every BigCommerce client the engine's configuration has. */
    @Override
    public List<TollgateConfigException> problems(ConfiguredClients engine) {
        List<TollgateConfigException> problems = new ArrayList<>();
        for (String client : engine.clients()) {
            TenantSettings app;
            try {
                app = engine.settings(client, "");
            } catch (TollgateConfigException reportedByTollgate) {
                continue;
            }
            if (app.ref().provider().filter(BigCommerceProvider.ID::equals).isPresent()) {
                problems.addAll(check(engine, client, app));
            }
        }
        return problems;
    }

    private static List<TollgateConfigException> check(ConfiguredClients engine, String client, TenantSettings app) {
        List<TollgateConfigException> problems = new ArrayList<>();
        for (String tenant : engine.tenants(client)) {
            TenantSettings store = engine.settings(client, tenant);
            for (String key : List.of(InboundPaths.CALLBACK_PATHS, InboundPaths.TAX_PATHS)) {
                // the mechanism reads the client's paths only: a tenant's would guard nothing
                if (store.getTenantOwn(key).isPresent()) {
                    problems.add(store.invalid(key, "is not read: the paths the BigCommerce mechanism guards are the"
                            + " client's, for every store; write them as " + app.keyName(key)));
                }
            }
        }
        InboundPaths paths;
        try {
            paths = InboundPaths.from(app);
        } catch (TollgateConfigException e) {
            problems.add(e);
            return problems;
        }
        attempt(problems, () -> JwtRules.from(app));
        if (!paths.callbacks().isEmpty()) {
            attempt(problems, () -> AppCredentials.from(app));
        }
        if (!paths.taxProvider().isEmpty()) {
            Set<String> tenants = engine.tenants(client);
            List<TenantSettings> stores = tenants.isEmpty() ? List.of(app)
                    : tenants.stream().map(t -> engine.settings(client, t)).toList();
            for (TenantSettings store : stores) {
                attempt(problems, () -> store.require(BigCommerceAuthenticationMechanism.TAX_USERNAME,
                        "user name BigCommerce sends to the tax provider endpoints (" + app.keyName(InboundPaths.TAX_PATHS) + " is set)"));
                attempt(problems, () -> store.requireSecret(BigCommerceAuthenticationMechanism.TAX_PASSWORD,
                        "password BigCommerce sends to the tax provider endpoints (" + app.keyName(InboundPaths.TAX_PATHS) + " is set)"));
            }
        }
        return problems;
    }

    private static void attempt(List<TollgateConfigException> problems, Runnable check) {
        try {
            check.run();
        } catch (TollgateConfigException e) {
            problems.add(e);
        }
    }
}
