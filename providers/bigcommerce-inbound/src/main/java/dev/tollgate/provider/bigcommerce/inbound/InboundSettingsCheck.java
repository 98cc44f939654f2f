package dev.tollgate.provider.bigcommerce.inbound;

import dev.tollgate.api.TollgateConfigException;
import dev.tollgate.provider.bigcommerce.BigCommerceProvider;
import dev.tollgate.spi.ConfiguredClients;
import dev.tollgate.spi.DeploymentCheck;
import dev.tollgate.spi.TenantSettings;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Fails deployment on BigCommerce inbound settings that would otherwise fail every request or,
 * worse, guard nothing: unmatchable {@code callback-paths} or {@code tax-provider-paths}, callback
 * paths without the app's {@code client-id} and {@code client-secret}, Tax Provider paths without
 * the {@code tax-provider-username} and {@code tax-provider-password} of every store, and bad
 * {@code jwt-*} keys, and inbound paths written under a tenant (the mechanism reads the client's).
 * For app installs ({@code auth-callback-url} set): that URL absolute http(s) (https unless loopback),
 * {@code client-id} and {@code client-secret}, {@code oauth-url} (whenever set) likewise,
 * {@code tenant-store=database}, and no {@code callback-paths} entry covering the auth callback.
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
        List<TenantSettings> stores = stores(engine, client);
        for (TenantSettings store : stores) {
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
        boolean installs = app.get(InstallSettings.AUTH_CALLBACK_URL).isPresent();
        if (!paths.callbacks().isEmpty() || installs) {
            attempt(problems, () -> AppCredentials.from(app));
        }
        attempt(problems, () -> InstallSettings.oauthUrl(app));
        if (installs) {
            attempt(problems, () -> refuseGuardedAuthCallback(app, paths, InstallSettings.authCallbackUrl(app)));
            if (!new InstalledStores(engine, client).keepsStoredTenants()) {
                problems.add(app.invalid("tenant-store", "must be database: " + app.keyName(InstallSettings.AUTH_CALLBACK_URL)
                        + " is set, and each store that installs the app is saved as a tenant in the tenant store"));
            }
        }
        if (!paths.taxProvider().isEmpty()) {
            for (TenantSettings store : engine.tenants(client).isEmpty() ? List.of(app) : stores) {
                attempt(problems, () -> store.require(BigCommerceAuthenticationMechanism.TAX_USERNAME,
                        "user name BigCommerce sends to the tax provider endpoints (" + app.keyName(InboundPaths.TAX_PATHS) + " is set)"));
                attempt(problems, () -> store.requireSecret(BigCommerceAuthenticationMechanism.TAX_PASSWORD,
                        "password BigCommerce sends to the tax provider endpoints (" + app.keyName(InboundPaths.TAX_PATHS) + " is set)"));
            }
        }
        return problems;
    }

    /**
     * The auth callback carries a code, not a signed payload: behind the mechanism every install
     * would get 401. Its URL holds the context root before the module's path, so a callback path
     * that covers the end of it (from some segment on) is taken to be the one that guards it.
     */
    private static void refuseGuardedAuthCallback(TenantSettings app, InboundPaths paths, URI authCallbackUrl) {
        List<String> segments = RoutedPath.segments(authCallbackUrl.getRawPath()).orElse(List.of());
        for (int from = 0; from < segments.size(); from++) {
            if (paths.isCallback(RoutedPath.join(segments.subList(from, segments.size())))) {
                throw app.invalid(InboundPaths.CALLBACK_PATHS, "covers the auth callback (" + app.keyName(InstallSettings.AUTH_CALLBACK_URL)
                        + "), which carries no signed payload: the mechanism would refuse every install. List the load,"
                        + " uninstall and remove_user callbacks only");
            }
        }
    }

    /** The settings of each store whose name the engine takes; a name it refuses is the engine's to report. */
    private static List<TenantSettings> stores(ConfiguredClients engine, String client) {
        List<TenantSettings> stores = new ArrayList<>();
        for (String tenant : engine.tenants(client)) {
            try {
                stores.add(engine.settings(client, tenant));
            } catch (IllegalArgumentException reportedByTollgate) {
                // not a valid tenant name: the engine's own check says so, naming the list
            }
        }
        return stores;
    }

    private static void attempt(List<TollgateConfigException> problems, Runnable check) {
        try {
            check.run();
        } catch (TollgateConfigException e) {
            problems.add(e);
        }
    }
}
