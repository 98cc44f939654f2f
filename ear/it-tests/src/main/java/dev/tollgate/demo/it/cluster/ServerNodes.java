package dev.tollgate.demo.it.cluster;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * What the cluster tests need to know of a node that only its server can say: its process (to
 * kill it or dump its heap) and its log files. Chosen by {@code tollgate.it.server}
 * ({@code wildfly}, {@code payara}), set by the server module. The node's HTTP address is
 * {@code tollgate.it.<node>.url}, also set by the server module.
 */
public interface ServerNodes {

    String SERVER_PROPERTY = "tollgate.it.server";

    /** The process id of the node's JVM. */
    long pid(String node);

    /** The node's log files, as the server writes them. */
    List<Path> logs(String node);

    /**
     * The cluster tests' web module as this server needs it to use the shared cache (WildFly: a
     * reference to the cache, so that the server starts it before the application); unchanged by
     * default.
     */
    default WebArchive prepare(WebArchive war) {
        return war;
    }

    /** The node's HTTP address, e.g. {@code http://127.0.0.1:8180}. */
    default URI url(String node) {
        String key = "tollgate.it." + node + ".url";
        String url = System.getProperty(key);
        if (url == null) {
            throw new IllegalStateException("set " + key + " to the node's HTTP address");
        }
        return URI.create(url);
    }

    static ServerNodes current() {
        String server = System.getProperty(SERVER_PROPERTY, "");
        return switch (server) {
            case "wildfly" -> new WildFlyNodes();
            case "payara" -> new PayaraNodes();
            default -> throw new IllegalStateException("set " + SERVER_PROPERTY + " to wildfly or payara (found '" + server + "')");
        };
    }

    /** The one live process whose command line holds {@code marker}. */
    static long processWith(String marker) {
        List<ProcessHandle> found = ProcessHandle.allProcesses()
                .filter(p -> p.info().arguments().map(args -> List.of(args).contains(marker)).orElse(false)).toList();
        if (found.size() != 1) {
            throw new IllegalStateException(found.size() + " processes have " + marker + " on their command line");
        }
        return found.get(0).pid();
    }
}
