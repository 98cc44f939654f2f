package dev.tollgate.cluster.infinispan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tollgate.api.TollgateConfigException;
import dev.tollgate.engine.cluster.SharedMapProvider;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

/**
 * The provider in a server without Infinispan (Payara, where the EAR carries this module next to
 * the Hazelcast one): loaded, found by ServiceLoader and asked through class loaders that hold
 * Tollgate's classes and the Config API, and no Infinispan class at all. A field, signature or
 * eagerly resolved type naming Infinispan would fail here with NoClassDefFoundError.
 */
class WithoutInfinispanClassesTest {

    @Test
    void theProviderLoadsAndAnswersNothingWhereNoInfinispanClassExists() throws Exception {
        try (URLClassLoader payara = withoutInfinispan()) {
            Object answer = open(payara, Map.of("tollgate.cache", "cluster"));
            assertEquals(Optional.empty(), answer, "no map, and no error: this server does not run Infinispan");
        }
    }

    @Test
    void theProviderNamesTheKeyWhenItIsSetWhereNoInfinispanClassExists() throws Exception {
        try (URLClassLoader payara = withoutInfinispan()) {
            InvocationTargetException e = assertThrows(InvocationTargetException.class, () -> open(payara,
                    Map.of("tollgate.cache", "cluster", InfinispanMapProvider.KEY, InfinispanMapProvider.DEFAULT_JNDI_NAME)));
            assertEquals(TollgateConfigException.class.getName(), e.getCause().getClass().getName(), String.valueOf(e.getCause()));
        }
    }

    /** Tollgate's own classes, the Config and JAX-RS APIs (as the server gives them) from where the build has them; the JDK from the platform. */
    private static URLClassLoader withoutInfinispan() {
        List<URL> urls = new ArrayList<>();
        for (Class<?> c : List.of(InfinispanMapProvider.class, SharedMapProvider.class, TollgateConfigException.class,
                Config.class, jakarta.ws.rs.ProcessingException.class)) {
            urls.add(c.getProtectionDomain().getCodeSource().getLocation());
        }
        return new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    }

    /** ServiceLoader's provider named infinispan, asked with a Config of {@code values}, all in {@code loader}. */
    private static Object open(ClassLoader loader, Map<String, String> values) throws Exception {
        Class<?> providerType = Class.forName(SharedMapProvider.class.getName(), true, loader);
        Class<?> configType = Class.forName(Config.class.getName(), true, loader);
        Object provider = null;
        for (Object candidate : ServiceLoader.load(providerType, loader)) {
            if ("infinispan".equals(providerType.getMethod("name").invoke(candidate))) {
                provider = candidate;
            }
        }
        if (provider == null) {
            throw new AssertionError("ServiceLoader did not find the Infinispan provider");
        }
        Object config = Proxy.newProxyInstance(loader, new Class<?>[] {configType}, (proxy, method, args) -> {
            if (method.getName().equals("getOptionalValue")) {
                return Optional.ofNullable(values.get((String) args[0]));
            }
            throw new UnsupportedOperationException(method.getName());
        });
        Method open = providerType.getMethod("open", configType);
        return open.invoke(provider, config);
    }
}
