package dev.tollgate.engine;

import dev.tollgate.api.ClientRef;
import dev.tollgate.api.TollgateConfigException;
import dev.tollgate.engine.store.DatabaseStoreFactory;
import org.eclipse.microprofile.config.Config;

/** The tenant store that {@code tollgate.store.*} configures: the database store. */
final class ConfiguredStore {

    private ConfiguredStore() {
    }

    static StoreAccess access(Config config) {
        return new StoreAccess(where -> DatabaseStoreFactory.create(config, where),
                () -> DatabaseStoreFactory.problems(config).stream()
                        .map(problem -> new TollgateConfigException(ClientRef.client("*"), "the tenant store cannot be used: "
                                + problem + "."))
                        .toList());
    }
}
