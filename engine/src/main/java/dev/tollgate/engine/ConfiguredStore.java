package dev.tollgate.engine;

import dev.tollgate.api.ClientRef;
import dev.tollgate.api.TenantStoreException;
import dev.tollgate.api.TollgateConfigException;
import dev.tollgate.engine.store.DatabaseStoreFactory;
import dev.tollgate.engine.store.DatabaseTenantStore;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/** The tenant store that {@code tollgate.store.*} configures: the database store. */
final class ConfiguredStore {

    private static final Logger LOG = Logger.getLogger(ConfiguredStore.class.getName());

    private ConfiguredStore() {
    }

    static StoreAccess access(Config config) {
        return new StoreAccess(where -> checked(DatabaseStoreFactory.create(config, where), where),
                () -> DatabaseStoreFactory.problems(config).stream()
                        .map(problem -> new TollgateConfigException(ClientRef.client("*"), "the tenant store cannot be used: "
                                + problem + "."))
                        .toList());
    }

    /**
     * The store, once its rows were compared with the configured keys: a key changed without the
     * old one listed in {@code tollgate.store.previous-keys} leaves those tenants unreadable, and
     * the administrator reads so when the store is first used, not tenant by tenant. (Not at
     * deployment: the server's DataSource is found only on the application's own threads.)
     */
    private static DatabaseTenantStore checked(DatabaseTenantStore store, ClientRef where) {
        try {
            store.keyProblems(where).forEach(problem -> LOG.warning("Tollgate's tenant store: " + problem + "."));
        } catch (TenantStoreException e) {
            LOG.fine(() -> "Tollgate's tenant store could not be checked against its keys now (" + e.getMessage() + ")");
        }
        return store;
    }
}
