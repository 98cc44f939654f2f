package dev.tollgate.demo.it.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

/** A live node's heap, dumped with the JDK's {@code jcmd <pid> GC.heap_dump} (live objects, after a full GC). */
final class HeapDumps {

    private HeapDumps() {
    }

    /** The dump's file, in a directory only this user can read (a dump may hold secrets): delete it when done. */
    static Path dump(long pid) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "tollgate-heap-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path file = dir.resolve("node.hprof");
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.heap_dump", file.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("jcmd.out").toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("jcmd did not dump the heap of " + pid + " within 120 s");
        }
        String output = Files.readString(dir.resolve("jcmd.out"));
        Files.delete(dir.resolve("jcmd.out"));
        if (process.exitValue() != 0 || !Files.isRegularFile(file)) {
            throw new IllegalStateException("jcmd " + pid + " GC.heap_dump failed: " + output);
        }
        file.toFile().deleteOnExit();
        dir.toFile().deleteOnExit();
        return file;
    }
}
