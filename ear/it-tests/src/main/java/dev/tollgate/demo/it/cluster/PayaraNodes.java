package dev.tollgate.demo.it.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Payara's nodes: each is a domain of its own (ear/it-payara-cluster), whose directory is
 * {@code tollgate.it.<node>.domain-dir}. Payara starts a domain's JVM with
 * {@code -Dcom.sun.aas.instanceRoot=<domain-dir>}, which is how its process is found; its log is
 * {@code <domain-dir>/logs/server.log}.
 */
final class PayaraNodes implements ServerNodes {

    private static final String INSTANCE_ROOT = "-Dcom.sun.aas.instanceRoot=";

    @Override
    public long pid(String node) {
        Path domain = domainDir(node);
        List<ProcessHandle> found = ProcessHandle.allProcesses()
                .filter(p -> p.info().arguments().map(args -> instanceRootIs(args, domain)).orElse(false)).toList();
        if (found.size() != 1) {
            throw new IllegalStateException(found.size() + " processes run the domain " + domain);
        }
        return found.get(0).pid();
    }

    @Override
    public List<Path> logs(String node) {
        return List.of(domainDir(node).resolve("logs").resolve("server.log"));
    }

    private static boolean instanceRootIs(String[] args, Path domain) {
        for (String arg : args) {
            if (arg.startsWith(INSTANCE_ROOT) && realPath(Path.of(arg.substring(INSTANCE_ROOT.length())))
                    .filter(domain::equals).isPresent()) {
                return true;
            }
        }
        return false;
    }

    private static Path domainDir(String node) {
        String key = "tollgate.it." + node + ".domain-dir";
        String dir = System.getProperty(key);
        if (dir == null) {
            throw new IllegalStateException("set " + key + " to the node's Payara domain directory");
        }
        return realPath(Path.of(dir)).orElseThrow(() -> new IllegalStateException("no domain directory " + dir));
    }

    private static Optional<Path> realPath(Path path) {
        try {
            return Files.exists(path) ? Optional.of(path.toRealPath()) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
