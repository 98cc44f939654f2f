package dev.tollgate.demo.shop;

import dev.tollgate.demo.clients.CallOutcome;
import java.util.HashSet;
import java.util.Set;

/** The tenant store's installed stores as a test sets them; a call for any other tenant is refused as the engine refuses it. */
class FakeAppStores extends AppStores {

    final Set<String> installed = new HashSet<>();

    @Override
    boolean isInstalled(String tenant) {
        return installed.contains(tenant);
    }

    @Override
    CallOutcome catalogCall(String tenant) {
        return installed.contains(tenant)
                ? new CallOutcome("BigCommerce", CLIENT, tenant, true, "{\"data\":[]}", null)
                : new CallOutcome("BigCommerce", CLIENT, tenant, false, null,
                        "UnsafeRequestException: tenant not known: it is neither configured nor stored. Nothing was sent.");
    }
}
