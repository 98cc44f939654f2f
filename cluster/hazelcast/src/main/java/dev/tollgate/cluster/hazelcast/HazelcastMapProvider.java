package dev.tollgate.cluster.hazelcast;

import dev.tollgate.api.ClientRef;
import dev.tollgate.api.TollgateConfigException;
import dev.tollgate.engine.cluster.SharedMap;
import dev.tollgate.engine.cluster.SharedMapProvider;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.eclipse.microprofile.config.Config;

/**
 * The shared map on the Hazelcast member Payara Server runs in every server JVM (its Data Grid),
 * found under the JNDI name Payara binds it to. In any other server (WildFly, a Payara whose Data
 * Grid is off) it offers nothing, so that one archive can carry both this and the Infinispan
 * implementation.
 *
 * <p>No Hazelcast type appears in this class: it is loaded by the {@link java.util.ServiceLoader}
 * wherever the archive is deployed, also where Hazelcast's classes are missing. Everything that
 * names Hazelcast is in {@link HazelcastMaps}, reached only once the classes are known to be there.
 */
public final class HazelcastMapProvider implements SharedMapProvider {

    /** The IMap's name; every node of the cluster must give the same. */
    public static final String MAP_KEY = "tollgate.cache.hazelcast-map";
    public static final String DEFAULT_MAP = "tollgate-credentials";
    /** Where Payara binds its Hazelcast instance (its default; set-hazelcast-configuration --jndiname changes it). */
    public static final String JNDI_NAME = "payara/Hazelcast";

    private static final String INSTANCE_CLASS = "com.hazelcast.core.HazelcastInstance";
    // a name an administrator can type and read back: no blanks a copy-paste may have added
    private static final Pattern MAP_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    @Override
    public String name() {
        return "hazelcast";
    }

    @Override
    public Optional<SharedMap> open(Config config) {
        if (!hazelcastClassesPresent()) {
            return Optional.empty();
        }
        Object instance;
        try {
            instance = new InitialContext().lookup(JNDI_NAME);
        } catch (NamingException | RuntimeException notPayaraDataGrid) {
            // no JNDI (plain Java) or no such entry (another server, Payara's Data Grid off)
            return Optional.empty();
        }
        if (instance == null) {
            return Optional.empty();
        }
        String mapName = mapName(config);
        try {
            return Optional.of(HazelcastMaps.open(instance, mapName));
        } catch (LinkageError hazelcastOfAnotherLoader) {
            // the archive brings its own Hazelcast next to the server's: theirs cannot be used
            throw new TollgateConfigException(ClientRef.client("*"), "tollgate.cache=cluster: the Hazelcast instance at "
                    + JNDI_NAME + " cannot be used by this application (" + hazelcastOfAnotherLoader.getClass().getSimpleName()
                    + "); remove any Hazelcast jar from the application, which must use the server's", hazelcastOfAnotherLoader);
        }
    }

    static String mapName(Config config) {
        String name = config.getOptionalValue(MAP_KEY, String.class).orElse(DEFAULT_MAP);
        if (!MAP_NAME.matcher(name).matches()) {
            throw new TollgateConfigException(ClientRef.client("*"), MAP_KEY + " must be 1 to 128 letters, digits, '.', '-'"
                    + " or '_', starting with a letter or digit (every node must name the same map); it is '"
                    + printable(name) + "'");
        }
        return name;
    }

    private boolean hazelcastClassesPresent() {
        try {
            Class.forName(INSTANCE_CLASS, false, HazelcastMapProvider.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError absent) {
            return false;
        }
    }

    // the configured name, cut and with anything unprintable shown as '?', fit for a message
    private static String printable(String value) {
        String cut = value.length() > 64 ? value.substring(0, 64) + "..." : value;
        StringBuilder s = new StringBuilder(cut.length());
        cut.codePoints().forEach(c -> s.append(c >= 0x20 && c < 0x7f ? Character.toString(c) : "?"));
        return s.toString();
    }
}
