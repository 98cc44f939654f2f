package dev.tollgate.api.runtime;

import java.util.Iterator;
import java.util.ServiceLoader;

/** Finds the engine once; a failed lookup is not remembered, so a later call can still succeed. */
final class RuntimeLookup {

    private static volatile TollgateRuntime found;

    private RuntimeLookup() {
    }

    static TollgateRuntime find() {
        TollgateRuntime runtime = found;
        if (runtime == null) {
            Iterator<TollgateRuntime> services = ServiceLoader.load(TollgateRuntime.class, TollgateRuntime.class.getClassLoader())
                    .iterator();
            if (!services.hasNext()) {
                throw new IllegalStateException("Tollgate's engine (tollgate-engine) is not on the class path next to"
                        + " tollgate-api: deploy it with the application's libraries");
            }
            runtime = services.next();
            found = runtime;
        }
        return runtime;
    }
}
