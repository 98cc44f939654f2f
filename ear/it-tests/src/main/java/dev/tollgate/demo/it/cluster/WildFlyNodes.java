package dev.tollgate.demo.it.cluster;

import java.nio.file.Path;
import java.util.List;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * WildFly's nodes: each is started with {@code -Djboss.node.name=<node>} and
 * {@code -Djboss.server.base.dir=<dir>} (the module's arquillian.xml), which is how its process
 * is found; its log is {@code <dir>/log/server.log}. The base directories are
 * {@code tollgate.it.<node>.base-dir}.
 */
final class WildFlyNodes implements ServerNodes {

    /**
     * WildFly starts an Infinispan cache only when a deployment depends on it: a resource
     * environment reference to it (what {@code @Resource(lookup=...)} declares) makes the
     * deployment wait for the cache, which the engine then finds in JNDI.
     */
    @Override
    public WebArchive prepare(WebArchive war) {
        return war.setWebXML(new StringAsset("<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"6.0\">\n"
                + "  <resource-env-ref>\n"
                + "    <resource-env-ref-name>tollgate/credentials</resource-env-ref-name>\n"
                + "    <lookup-name>java:jboss/infinispan/cache/tollgate/credentials</lookup-name>\n"
                + "  </resource-env-ref>\n"
                + "</web-app>\n"));
    }

    @Override
    public long pid(String node) {
        return ServerNodes.processWith("-Djboss.node.name=" + node);
    }

    @Override
    public List<Path> logs(String node) {
        String key = "tollgate.it." + node + ".base-dir";
        String dir = System.getProperty(key);
        if (dir == null) {
            throw new IllegalStateException("set " + key + " to the node's jboss.server.base.dir");
        }
        return List.of(Path.of(dir, "log", "server.log"));
    }
}
