package dev.tollgate.cluster.infinispan;

import org.infinispan.Cache;
import org.infinispan.configuration.cache.CacheMode;
import org.infinispan.configuration.cache.ConfigurationBuilder;
import org.infinispan.configuration.global.GlobalConfigurationBuilder;
import org.infinispan.manager.DefaultCacheManager;

/**
 * Real embedded Infinispan for the tests: a local cache, or a replicated cache on two cache
 * managers clustered inside this JVM (JGroups' shared loopback, so no port or multicast is used),
 * the shape of WildFly's {@code tollgate} container with its {@code credentials} cache.
 */
final class EmbeddedCaches implements AutoCloseable {

    static final String CACHE = "credentials";

    private final DefaultCacheManager[] managers;

    private EmbeddedCaches(DefaultCacheManager... managers) {
        this.managers = managers;
    }

    static EmbeddedCaches local() {
        GlobalConfigurationBuilder global = new GlobalConfigurationBuilder().nonClusteredDefault();
        global.cacheManagerName("tollgate");
        DefaultCacheManager manager = new DefaultCacheManager(global.build());
        manager.defineConfiguration(CACHE, new ConfigurationBuilder().build());
        return new EmbeddedCaches(manager);
    }

    /** Two members of one cluster, each with the replicated cache started and the view complete. */
    static EmbeddedCaches cluster(String clusterName) {
        DefaultCacheManager[] managers = new DefaultCacheManager[2];
        for (int i = 0; i < managers.length; i++) {
            GlobalConfigurationBuilder global = GlobalConfigurationBuilder.defaultClusteredBuilder();
            global.cacheManagerName("tollgate");
            global.transport().clusterName(clusterName).nodeName("node" + (i + 1))
                    .addProperty("configurationFile", "shared-loopback-jgroups.xml");
            managers[i] = new DefaultCacheManager(global.build());
            managers[i].defineConfiguration(CACHE, new ConfigurationBuilder().clustering().cacheMode(CacheMode.REPL_SYNC).build());
        }
        EmbeddedCaches caches = new EmbeddedCaches(managers);
        for (DefaultCacheManager manager : managers) {
            manager.getCache(CACHE);
        }
        return caches;
    }

    Cache<String, String> cache(int member) {
        return managers[member].getCache(CACHE);
    }

    /** The member leaves as a killed node does, without telling its entries goodbye. */
    void stop(int member) {
        managers[member].stop();
    }

    @Override
    public void close() {
        for (DefaultCacheManager manager : managers) {
            manager.stop();
        }
    }
}
