package dev.tollgate.engine.cluster;

import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * Finds the server's shared map for {@code tollgate.cache=cluster}. Listed in
 * {@code META-INF/services/dev.tollgate.engine.cluster.SharedMapProvider} by each module that
 * implements one (tollgate-cluster-infinispan, tollgate-cluster-hazelcast). Both may sit in the
 * same archive: the one whose engine this server runs answers, the other says it has none. An
 * implementation therefore names no class of its engine in its own signature, so that loading
 * it never fails where that engine is missing.
 */
public interface SharedMapProvider {

    /** Its name in messages: {@code infinispan}, {@code hazelcast}. */
    String name();

    /**
     * The server's shared map, looked up on the caller's thread (an application thread: JNDI
     * works there), or empty when this server does not run this provider's engine.
     *
     * @throws dev.tollgate.api.TollgateConfigException naming the key, when this server runs the
     *         engine but the map configured for Tollgate is missing or not usable (the server
     *         script was not run, a typo in the key)
     */
    Optional<SharedMap> open(Config config);
}
