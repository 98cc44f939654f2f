package dev.tollgate.demo.it.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Payara's nodes: each is a domain of its own (ear/it-payara-cluster), whose directory is
 * {@code tollgate.it.<node>.domain-dir}. A running domain keeps its process id in
 * {@code <domain-dir>/config/pid} (its command line is too long for {@link ProcessHandle.Info}
 * to show on Linux, which gives up past 4 KB); its log is {@code <domain-dir>/logs/server.log}.
 */
final class PayaraNodes implements ServerNodes {

    @Override
    public long pid(String node) {
        Path pidFile = domainDir(node).resolve("config").resolve("pid");
        long pid;
        try {
            pid = Long.parseLong(Files.readString(pidFile).trim());
        } catch (IOException e) {
            throw new IllegalStateException(node + " is not running: no " + pidFile, e);
        }
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return pid;
        }
        throw new IllegalStateException(node + " is not running: no process " + pid + " (" + pidFile + ")");
    }

    @Override
    public List<Path> logs(String node) {
        return List.of(domainDir(node).resolve("logs").resolve("server.log"));
    }

    private static Path domainDir(String node) {
        String key = "tollgate.it." + node + ".domain-dir";
        String dir = System.getProperty(key);
        if (dir == null) {
            throw new IllegalStateException("set " + key + " to the node's Payara domain directory");
        }
        return Path.of(dir);
    }
}
