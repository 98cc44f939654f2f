package dev.tollgate.cluster.infinispan;

import dev.tollgate.api.ClientRef;
import dev.tollgate.api.TollgateConfigException;
import dev.tollgate.engine.cluster.SharedMap;
import dev.tollgate.engine.cluster.SharedMapProvider;
import java.util.Optional;
import javax.naming.InitialContext;
import javax.naming.NameNotFoundException;
import javax.naming.NamingException;
import org.eclipse.microprofile.config.Config;

/**
 * The shared map on WildFly's Infinispan: the cache bound in JNDI under
 * {@code tollgate.cache.infinispan} (default {@value #DEFAULT_JNDI_NAME}: container
 * {@code tollgate}, replicated cache {@code credentials}, as server-config/wildfly defines them).
 *
 * <p>This class names no Infinispan type, so that it loads in a server without Infinispan (Payara,
 * where the Hazelcast provider sits next to it in the same EAR): {@link InfinispanCaches} does,
 * and is only reached once the Infinispan classes are known to be there.
 */
public final class InfinispanMapProvider implements SharedMapProvider {

    /** The key naming the cache's JNDI name. */
    public static final String KEY = "tollgate.cache.infinispan";
    /** Where WildFly binds the cache the WildFly script defines. */
    public static final String DEFAULT_JNDI_NAME = "java:jboss/infinispan/cache/tollgate/credentials";

    private static final String CACHE_CLASS = "org.infinispan.Cache";

    /** A JNDI look-up: the object bound under a name. */
    @FunctionalInterface
    interface Jndi {
        Object lookup(String name) throws NamingException;
    }

    private final Jndi jndi;
    private final ClassLoader classes;

    /** For ServiceLoader: the server's JNDI, the classes this module sees. */
    public InfinispanMapProvider() {
        this(InfinispanMapProvider::lookupInInitialContext, InfinispanMapProvider.class.getClassLoader());
    }

    InfinispanMapProvider(Jndi jndi, ClassLoader classes) {
        this.jndi = jndi;
        this.classes = classes;
    }

    @Override
    public String name() {
        return "infinispan";
    }

    @Override
    public Optional<SharedMap> open(Config config) {
        Optional<String> configured = config.getOptionalValue(KEY, String.class);
        if (configured.isPresent() && configured.get().isBlank()) {
            throw misconfigured("is blank; set it to the JNDI name of an Infinispan cache or leave it out for "
                    + DEFAULT_JNDI_NAME);
        }
        if (!infinispanPresent()) {
            if (configured.isPresent()) {
                throw misconfigured("names an Infinispan cache, but this server has no Infinispan classes visible to"
                        + " the deployment (in WildFly, jboss-deployment-structure.xml must add module org.infinispan)");
            }
            return Optional.empty();
        }
        String name = configured.orElse(DEFAULT_JNDI_NAME);
        Object bound;
        try {
            bound = jndi.lookup(name);
        } catch (NameNotFoundException e) {
            if (configured.isEmpty()) {
                // Infinispan is there but nobody asked for Tollgate's cache: not this server's map
                return Optional.empty();
            }
            throw misconfigured("= " + name + ": nothing is bound under that name (has the WildFly script run with"
                    + " tollgate.cache=cluster, on standalone-ha.xml?)");
        } catch (NamingException e) {
            if (configured.isEmpty()) {
                return Optional.empty();
            }
            throw misconfigured("= " + name + ": the JNDI look-up failed (" + e.getClass().getSimpleName() + ")");
        } catch (RuntimeException e) {
            // a naming implementation may say "that service did not start" unchecked: Infinispan is
            // here, so the map is meant to be, and the administrator reads which key to look at
            // (the server's own message is left out: it is not Tollgate's to repeat)
            throw misconfigured((configured.isPresent() ? "= " : "(default) ") + name + ": the JNDI look-up failed ("
                    + e.getClass().getName() + ")");
        }
        if (bound == null) {
            if (configured.isEmpty()) {
                return Optional.empty();
            }
            throw misconfigured("= " + name + ": nothing is bound under that name");
        }
        try {
            return Optional.of(InfinispanCaches.open(bound, classes).orElseThrow(() -> misconfigured(
                    (configured.isPresent() ? "= " : "(default) ") + name + ": what is bound there is a "
                            + bound.getClass().getName() + (isCacheByName(bound.getClass())
                                    ? ", an Infinispan cache of another class loader than the deployment's: the"
                                            + " application must not package Infinispan (infinispan-core is provided"
                                            + " by the server) and must see the server's module org.infinispan"
                                            + " (jboss-deployment-structure.xml)"
                                    : ", not an Infinispan cache"))));
        } catch (LinkageError e) {
            // an Infinispan of another shape than the one this module was built against
            throw misconfigured("= " + name + ": the server's Infinispan cannot be used (" + e + ")");
        }
    }

    private boolean infinispanPresent() {
        try {
            Class.forName(CACHE_CLASS, false, classes);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Whether {@code type} is a {@value #CACHE_CLASS} by name, whichever class loader defined that. */
    private static boolean isCacheByName(Class<?> type) {
        for (Class<?> t = type; t != null; t = t.getSuperclass()) {
            for (Class<?> i : t.getInterfaces()) {
                if (i.getName().equals(CACHE_CLASS) || isCacheByName(i)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static TollgateConfigException misconfigured(String problem) {
        return new TollgateConfigException(ClientRef.client("*"), KEY + " " + problem);
    }

    private static Object lookupInInitialContext(String name) throws NamingException {
        InitialContext context = new InitialContext();
        try {
            return context.lookup(name);
        } finally {
            context.close();
        }
    }
}
