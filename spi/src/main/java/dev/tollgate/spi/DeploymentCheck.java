package dev.tollgate.spi;

import dev.tollgate.api.TollgateConfigException;
import java.util.List;

/**
 * Settings a provider's own code reads outside requests (a callback handler's paths, say), checked
 * when the application deploys, next to the engine's own check of every client: a problem found
 * here fails deployment instead of the first callback. Listed in
 * {@code META-INF/services/dev.tollgate.spi.DeploymentCheck}; in a CDI container the engine runs
 * every check it finds, in plain Java {@code TollgateEngine.validateConfiguredClients()} does.
 */
public interface DeploymentCheck {

    /**
     * Every problem found, each naming its key; empty when all is well. A client the engine could
     * not bind, or a tenant name it refuses, is the engine's to report: skip it. A check that throws
     * fails deployment with a problem naming its class (its message is not repeated).
     */
    List<TollgateConfigException> problems(ConfiguredClients clients);
}
