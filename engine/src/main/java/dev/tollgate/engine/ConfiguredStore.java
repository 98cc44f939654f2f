package dev.tollgate.engine;

import dev.tollgate.api.ClientRef;
import dev.tollgate.api.TollgateConfigException;
import java.util.List;
import org.eclipse.microprofile.config.Config;

/** The tenant store that {@code tollgate.store.*} configures. */
final class ConfiguredStore {

    private ConfiguredStore() {
    }

    static StoreAccess access(Config config) {
        return new StoreAccess(() -> {
            throw new TollgateConfigException(ClientRef.client("*"), "no database tenant store is available yet.");
        }, List::of);
    }
}
