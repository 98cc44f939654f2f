package dev.tollgate.engine.testing;

import dev.tollgate.engine.fake.MemoryTenantStore;
import dev.tollgate.engine.store.TenantStore;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Tenant stores for engine tests; each test gets its own database. */
public final class StoreHarness implements AfterEachCallback {

    /** A store of its own. */
    public TenantStore h2() {
        return new MemoryTenantStore();
    }

    /** Stores over one database, as servers sharing it have: each call a store of its own. */
    public Supplier<TenantStore> sharedH2() {
        MemoryTenantStore one = new MemoryTenantStore();
        return () -> one;
    }

    @Override
    public void afterEach(ExtensionContext context) {
    }
}
