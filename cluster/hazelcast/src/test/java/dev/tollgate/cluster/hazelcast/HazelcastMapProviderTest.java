package dev.tollgate.cluster.hazelcast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.TollgateConfigException;
import dev.tollgate.engine.cluster.SharedMap;
import dev.tollgate.engine.cluster.SharedMapProvider;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import javax.naming.Context;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Finding Payara's Hazelcast: through JNDI as in Payara, and nothing elsewhere. */
class HazelcastMapProviderTest {

    private static LoopbackMembers members;

    @BeforeAll
    static void startTwoMembers() {
        members = LoopbackMembers.start(2);
        System.setProperty(Context.INITIAL_CONTEXT_FACTORY, PayaraNaming.class.getName());
    }

    @AfterAll
    static void stopThem() {
        System.clearProperty(Context.INITIAL_CONTEXT_FACTORY);
        members.close();
    }

    @AfterEach
    void unbind() {
        PayaraNaming.hazelcast = null;
    }

    @Test
    void theServiceLoaderFindsItByName() {
        assertTrue(ServiceLoader.load(SharedMapProvider.class).stream()
                .anyMatch(p -> p.get().name().equals("hazelcast")));
    }

    @Test
    void inPayaraItOpensTheDefaultMapOnTheServersHazelcast() {
        PayaraNaming.hazelcast = members.member(0);
        SharedMap map = new HazelcastMapProvider().open(config(Map.of())).orElseThrow();
        map.put("k", "sealed", Duration.ofMinutes(1));
        assertEquals("sealed", members.member(1).getMap(HazelcastMapProvider.DEFAULT_MAP).get("k"));
        assertTrue(map.describe().startsWith("Hazelcast map 'tollgate-credentials'"), map.describe());
    }

    @Test
    void theConfiguredMapNameIsUsed() {
        PayaraNaming.hazelcast = members.member(0);
        SharedMap map = new HazelcastMapProvider()
                .open(config(Map.of(HazelcastMapProvider.MAP_KEY, "shop.credentials_2"))).orElseThrow();
        map.put("k", "sealed", Duration.ofMinutes(1));
        assertEquals("sealed", members.member(1).getMap("shop.credentials_2").get("k"));
    }

    @Test
    void withoutPayarasJndiEntryThereIsNoMap() {
        assertEquals(Optional.empty(), new HazelcastMapProvider().open(config(Map.of())));
    }

    @Test
    void withoutJndiAtAllThereIsNoMap() {
        System.clearProperty(Context.INITIAL_CONTEXT_FACTORY);
        try {
            assertEquals(Optional.empty(), new HazelcastMapProvider().open(config(Map.of())));
        } finally {
            System.setProperty(Context.INITIAL_CONTEXT_FACTORY, PayaraNaming.class.getName());
        }
    }

    @Test
    void aMapNameAnAdministratorMistypedFailsNamingTheKey() {
        PayaraNaming.hazelcast = members.member(0);
        for (String typo : new String[] {" tollgate-credentials", "tollgate-credentials ", "tollgate credentials",
            "tollgate-credentials\u202e", "x".repeat(129)}) {
            TollgateConfigException e = assertThrows(TollgateConfigException.class,
                    () -> new HazelcastMapProvider().open(config(Map.of(HazelcastMapProvider.MAP_KEY, typo))), typo);
            assertTrue(e.getMessage().contains(HazelcastMapProvider.MAP_KEY), e.getMessage());
            assertFalse(e.getMessage().contains("\u202e"), e.getMessage());
        }
    }

    @Test
    void somethingElseUnderPayarasNameFailsNamingTheKey() {
        PayaraNaming.hazelcast = "not a Hazelcast instance";
        TollgateConfigException e = assertThrows(TollgateConfigException.class,
                () -> new HazelcastMapProvider().open(config(Map.of())));
        assertTrue(e.getMessage().contains("tollgate.cache=cluster"), e.getMessage());
        assertTrue(e.getMessage().contains("payara/Hazelcast"), e.getMessage());
    }

    @Test
    void aHazelcastThatIsNotRunningFailsNamingTheKey() {
        try (LoopbackMembers stopped = LoopbackMembers.start(1)) {
            stopped.member(0).shutdown();
            PayaraNaming.hazelcast = stopped.member(0);
            TollgateConfigException e = assertThrows(TollgateConfigException.class,
                    () -> new HazelcastMapProvider().open(config(Map.of())));
            assertTrue(e.getMessage().contains("tollgate.cache"), e.getMessage());
        }
    }

    /** WildFly's case: the provider sits in the EAR, Hazelcast's classes are nowhere. */
    @Test
    void whereHazelcastsClassesAreMissingItLoadsAndOffersNoMap() throws Exception {
        PayaraNaming.hazelcast = members.member(0);
        try (WithoutHazelcast loader = new WithoutHazelcast()) {
            SharedMapProvider provider = (SharedMapProvider) loader
                    .loadClass(HazelcastMapProvider.class.getName()).getConstructor().newInstance();
            assertEquals("hazelcast", provider.name());
            assertEquals(Optional.empty(), provider.open(config(Map.of())));
        }
    }

    private static Config config(Map<String, String> values) {
        return new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(values, "test", 100)).build();
    }

    /** This module's classes, loaded again where no com.hazelcast class can be found. */
    private static final class WithoutHazelcast extends ClassLoader implements AutoCloseable {

        WithoutHazelcast() {
            super(HazelcastMapProviderTest.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("com.hazelcast.")) {
                throw new ClassNotFoundException(name);
            }
            if (!name.startsWith(HazelcastMapProvider.class.getPackageName() + ".")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                        byte[] bytes = in.readAllBytes();
                        loaded = defineClass(name, bytes, 0, bytes.length);
                    } catch (IOException e) {
                        throw new ClassNotFoundException(name, e);
                    }
                }
                return loaded;
            }
        }

        @Override
        public void close() {
        }
    }
}
