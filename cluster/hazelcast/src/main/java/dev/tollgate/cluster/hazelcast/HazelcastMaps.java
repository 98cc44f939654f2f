package dev.tollgate.cluster.hazelcast;

import com.hazelcast.core.HazelcastInstance;
import dev.tollgate.api.ClientRef;
import dev.tollgate.api.TollgateConfigException;
import dev.tollgate.engine.cluster.SharedMap;

/**
 * Turns what Payara bound in JNDI into Tollgate's shared map. Its signature names no Hazelcast
 * type, so that {@link HazelcastMapProvider} can call it without loading Hazelcast first.
 */
final class HazelcastMaps {

    private HazelcastMaps() {
    }

    static SharedMap open(Object jndiEntry, String mapName) {
        if (!(jndiEntry instanceof HazelcastInstance instance)) {
            throw new TollgateConfigException(ClientRef.client("*"), "tollgate.cache=cluster: JNDI "
                    + HazelcastMapProvider.JNDI_NAME + " holds a " + jndiEntry.getClass().getName()
                    + ", not Payara's Hazelcast instance");
        }
        if (!instance.getLifecycleService().isRunning()) {
            throw new TollgateConfigException(ClientRef.client("*"), "tollgate.cache=cluster: Payara's Hazelcast"
                    + " instance (JNDI " + HazelcastMapProvider.JNDI_NAME + ") is not running; turn the Data Grid on"
                    + " (asadmin set-hazelcast-configuration --enabled=true) or set tollgate.cache=local");
        }
        return new HazelcastSharedMap(instance, mapName);
    }
}
