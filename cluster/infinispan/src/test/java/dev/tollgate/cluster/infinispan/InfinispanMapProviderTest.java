package dev.tollgate.cluster.infinispan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.TollgateConfigException;
import dev.tollgate.engine.cluster.SharedMap;
import dev.tollgate.engine.cluster.SharedMapProvider;
import dev.tollgate.testkit.config.TestConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import javax.naming.NameNotFoundException;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How the provider finds the server's cache, and what it says when an administrator got it wrong. */
class InfinispanMapProviderTest {

    /** Sees the JDK only: a server without Infinispan, as Payara is. */
    private static final ClassLoader WITHOUT_INFINISPAN = new ClassLoader(null) {
    };

    private final Map<String, Object> jndi = new HashMap<>();
    private final EmbeddedCaches caches = EmbeddedCaches.local();

    @AfterEach
    void stop() {
        caches.close();
    }

    private InfinispanMapProvider provider(ClassLoader classes) {
        return new InfinispanMapProvider(name -> {
            if (!jndi.containsKey(name)) {
                throw new NameNotFoundException(name);
            }
            return jndi.get(name);
        }, classes);
    }

    private InfinispanMapProvider provider() {
        return provider(InfinispanMapProvider.class.getClassLoader());
    }

    private static Config unset() {
        return TestConfig.with("tollgate.cache", "cluster").build();
    }

    private static Config configured(String name) {
        return TestConfig.with("tollgate.cache", "cluster").and(InfinispanMapProvider.KEY, name).build();
    }

    @Test
    void serviceLoaderFindsIt() {
        List<String> names = ServiceLoader.load(SharedMapProvider.class).stream().map(p -> p.get().name()).toList();
        assertEquals(List.of("infinispan"), names);
    }

    @Test
    void theCacheUnderTheDefaultNameIsTheSharedMap() {
        jndi.put(InfinispanMapProvider.DEFAULT_JNDI_NAME, caches.cache(0));
        SharedMap map = provider().open(unset()).orElseThrow();
        map.put("k", "v", Duration.ofMinutes(1));
        assertEquals("v", caches.cache(0).get("k"), "the map writes into the bound cache");
    }

    @Test
    void theCacheUnderTheConfiguredNameIsTheSharedMap() {
        jndi.put("java:jboss/infinispan/cache/other/tokens", caches.cache(0));
        assertTrue(provider().open(configured("java:jboss/infinispan/cache/other/tokens")).isPresent());
    }

    @Test
    void aServerWithoutInfinispanHasNoMapEvenWithSomethingBound() {
        jndi.put(InfinispanMapProvider.DEFAULT_JNDI_NAME, caches.cache(0));
        assertEquals(Optional.empty(), provider(WITHOUT_INFINISPAN).open(unset()));
    }

    @Test
    void aServerWithInfinispanButNoTollgateCacheHasNoMapWhenTheKeyIsUnset() {
        assertEquals(Optional.empty(), provider().open(unset()));
    }

    @Test
    void aConfiguredNameWithNothingBoundFailsNamingTheKey() {
        jndi.put(InfinispanMapProvider.DEFAULT_JNDI_NAME, caches.cache(0));
        TollgateConfigException e = assertThrows(TollgateConfigException.class,
                () -> provider().open(configured("java:jboss/infinispan/cache/tollgate/credentails")));
        assertTrue(e.getMessage().contains(InfinispanMapProvider.KEY) && e.getMessage().contains("credentails"), e.getMessage());
    }

    @Test
    void aConfiguredNameBindingSomethingElseFailsNamingTheKey() {
        jndi.put("java:jboss/datasources/ExampleDS", "not a cache");
        TollgateConfigException e = assertThrows(TollgateConfigException.class,
                () -> provider().open(configured("java:jboss/datasources/ExampleDS")));
        assertTrue(e.getMessage().contains(InfinispanMapProvider.KEY) && e.getMessage().contains("not an Infinispan cache"),
                e.getMessage());
    }

    @Test
    void theDefaultNameBindingSomethingElseFailsNamingTheKey() {
        jndi.put(InfinispanMapProvider.DEFAULT_JNDI_NAME, 42);
        TollgateConfigException e = assertThrows(TollgateConfigException.class, () -> provider().open(unset()));
        assertTrue(e.getMessage().contains(InfinispanMapProvider.KEY), e.getMessage());
    }

    @Test
    void aConfiguredNameOnAServerWithoutInfinispanFailsNamingTheKey() {
        TollgateConfigException e = assertThrows(TollgateConfigException.class,
                () -> provider(WITHOUT_INFINISPAN).open(configured(InfinispanMapProvider.DEFAULT_JNDI_NAME)));
        assertTrue(e.getMessage().contains(InfinispanMapProvider.KEY) && e.getMessage().contains("org.infinispan"),
                e.getMessage());
    }

    @Test
    void aBlankNameFailsNamingTheKey() {
        TollgateConfigException e = assertThrows(TollgateConfigException.class, () -> provider().open(configured(" ")));
        assertTrue(e.getMessage().contains(InfinispanMapProvider.KEY), e.getMessage());
    }
    @Test
    void aLookUpThatThrowsSomethingUnexpectedFailsNamingTheKeyNotWithTheServersException() {
        // a naming implementation may answer a cache whose service did not start with an
        // unchecked exception instead of a NamingException
        InfinispanMapProvider provider = new InfinispanMapProvider(name -> {
            throw new IllegalStateException("WFLYNAM0059: service not started, secret=hunter2hunter2");
        }, InfinispanMapProvider.class.getClassLoader());
        for (Config config : List.of(unset(), configured(InfinispanMapProvider.DEFAULT_JNDI_NAME))) {
            TollgateConfigException e = assertThrows(TollgateConfigException.class, () -> provider.open(config));
            assertTrue(e.getMessage().contains(InfinispanMapProvider.KEY) && e.getMessage().contains("IllegalStateException"),
                    e.getMessage());
            assertTrue(!e.getMessage().contains("hunter2"), "the server's message is not repeated: " + e.getMessage());
        }
    }
    /**
     * An application that packages its own Infinispan sees the server's cache as a stranger: its
     * Cache is another class. The administrator is told that, not "not an Infinispan cache".
     */
    @Test
    void aCacheOfAnInfinispanTheDeploymentDoesNotShareIsToldAsSuch() throws Exception {
        List<java.net.URL> path = new java.util.ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            path.add(java.nio.file.Path.of(entry).toUri().toURL());
        }
        try (java.net.URLClassLoader server = new java.net.URLClassLoader(path.toArray(java.net.URL[]::new),
                ClassLoader.getPlatformClassLoader())) {
            Class<?> serversCache = Class.forName("org.infinispan.Cache", false, server);
            Object cache = java.lang.reflect.Proxy.newProxyInstance(server, new Class<?>[] {serversCache}, (proxy, method, args) -> {
                throw new UnsupportedOperationException(method.getName());
            });
            jndi.put(InfinispanMapProvider.DEFAULT_JNDI_NAME, cache);
            TollgateConfigException e = assertThrows(TollgateConfigException.class, () -> provider().open(unset()));
            assertTrue(e.getMessage().contains(InfinispanMapProvider.KEY) && e.getMessage().contains("another class loader")
                    && e.getMessage().contains("org.infinispan"), e.getMessage());
        }
    }
}
