package dev.tollgate.spi;

import java.util.Iterator;
import java.util.ServiceLoader;

/**
 * Finds the engine's {@link ConfiguredClients} once, with {@link ServiceLoader}; a failed lookup
 * is not remembered.
 */
final class EngineLookup {

    private static volatile ConfiguredClients found;

    private EngineLookup() {
    }

    static ConfiguredClients find() {
        ConfiguredClients clients = found;
        if (clients == null) {
            Iterator<ConfiguredClients> services = ServiceLoader.load(ConfiguredClients.class,
                    ConfiguredClients.class.getClassLoader()).iterator();
            if (!services.hasNext()) {
                throw new IllegalStateException("Tollgate's engine (tollgate-engine) is not on the class path next to"
                        + " tollgate-spi: deploy it with the application's libraries");
            }
            clients = services.next();
            found = clients;
        }
        return clients;
    }
}
