package dev.tollgate.demo.it.cluster;

import java.nio.file.Path;
import java.util.List;

/**
 * WildFly's nodes: each is started with {@code -Djboss.node.name=<node>} and
 * {@code -Djboss.server.base.dir=<dir>} (the module's arquillian.xml), which is how its process
 * is found; its log is {@code <dir>/log/server.log}. The base directories are
 * {@code tollgate.it.<node>.base-dir}.
 */
final class WildFlyNodes implements ServerNodes {

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
