package dev.tollgate.demo.shop;

import dev.tollgate.api.TenantCredentials;
import dev.tollgate.api.TenantDirectory;
import dev.tollgate.api.TollgateException;
import dev.tollgate.demo.clients.BigCommerceCatalogApi;
import dev.tollgate.demo.clients.CallOutcome;
import dev.tollgate.engine.cdi.EngineBean;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The stores that installed the demo as a BigCommerce app: the {@code bigcommerce} client's tenants
 * in the tenant store, each saved by the app's auth callback as {@code store-<hash>} with its
 * {@code store-hash} and its {@code access-token} (encrypted). The page lists them and calls each
 * one's catalog; the tenants the administrator configured are left to {@link ProviderCalls}.
 */
@RequestScoped
public class AppStores {

    /** The demo's BigCommerce client ({@code tollgate.bigcommerce.tenant-store=database}). */
    static final String CLIENT = "bigcommerce";
    static final String STORE_HASH = "store-hash";
    static final String ACCESS_TOKEN = "access-token";

    @Inject TenantDirectory directory;
    @Inject EngineBean tollgate;
    @Inject @RestClient BigCommerceCatalogApi catalog;

    /** The installed stores with their masked tokens, and the configured ones by name. */
    StoreList stores() {
        try {
            TenantCredentials bigCommerce = directory.client(CLIENT);
            Set<String> configured = configured();
            List<InstalledStoreRow> installed = new ArrayList<>();
            for (String tenant : installed(bigCommerce, configured)) {
                Map<String, String> masked = bigCommerce.masked(tenant);
                if (!masked.isEmpty()) { // empty: uninstalled since it was listed
                    installed.add(new InstalledStoreRow(tenant, masked.getOrDefault(STORE_HASH, ""),
                            masked.getOrDefault(ACCESS_TOKEN, "")));
                }
            }
            return new StoreList(List.copyOf(configured), installed, null);
        } catch (TollgateException e) {
            return StoreList.unreadable(e.getMessage());
        }
    }

    /**
     * One catalog call for each installed store, as for each configured one; a row saying why
     * when the installed stores cannot be listed.
     */
    List<CallOutcome> catalogCalls() {
        Set<String> installed;
        try {
            installed = installed(directory.client(CLIENT), configured());
        } catch (TollgateException e) {
            return List.of(new CallOutcome("BigCommerce", CLIENT, "", false, null,
                    "the stores that installed the app cannot be listed: " + e.getMessage()));
        }
        List<CallOutcome> calls = new ArrayList<>();
        installed.forEach(tenant -> calls.add(catalogCall(tenant)));
        return calls;
    }

    /** A catalog call for {@code tenant}, its store hash read as a call would see it (a tenant uninstalled meanwhile: refused). */
    CallOutcome catalogCall(String tenant) {
        return CallOutcome.attempt("BigCommerce", CLIENT, tenant,
                () -> catalog.products(tollgate.engine().settings(CLIENT, tenant).get(STORE_HASH).orElse("")));
    }

    /** True when {@code tenant} is a store the app's auth callback saved (not one in configuration). */
    boolean isInstalled(String tenant) {
        return !configured().contains(tenant) && !directory.client(CLIENT).masked(tenant).isEmpty();
    }

    private Set<String> configured() {
        return tollgate.engine().tenants(CLIENT);
    }

    private static Set<String> installed(TenantCredentials bigCommerce, Set<String> configured) {
        Set<String> installed = new TreeSet<>(bigCommerce.list());
        installed.removeAll(configured);
        return installed;
    }
}
