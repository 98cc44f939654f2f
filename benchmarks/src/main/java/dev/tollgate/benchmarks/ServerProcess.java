package dev.tollgate.benchmarks;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@link LoopbackHttpServer} in a second JVM, pinned to CPU 1 with {@code taskset} where there is
 * one (Linux), so that on a small machine the server does not take the client's core: the
 * end-to-end ratio then compares the client's work, not how two processes share one CPU.
 */
final class ServerProcess implements AutoCloseable {

    /** The CPU the server gets; run.sh pins the benchmarks to CPU 0. */
    static final String SERVER_CPU = "1";

    private final Process process;
    private final int port;
    private final boolean pinned;

    private ServerProcess(Process process, int port, boolean pinned) {
        this.process = process;
        this.port = port;
        this.pinned = pinned;
    }

    static ServerProcess start() throws IOException {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        List<String> command = new ArrayList<>();
        // not availableProcessors(): under run.sh this JVM itself is pinned to one CPU
        boolean pinned = tasksetAvailable();
        if (pinned) {
            command.addAll(List.of("taskset", "-c", SERVER_CPU));
        }
        // without TCP_NODELAY the JDK's HTTP server meets delayed ACKs: ~40 ms a call, whatever the client does
        command.addAll(List.of(java, "-Dsun.net.httpserver.nodelay=true", "-Xmx256m", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), LoopbackHttpServer.class.getName()));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII));
        String line = out.readLine();
        if (line == null) {
            process.destroyForcibly();
            throw new IOException("the loopback server did not start");
        }
        return new ServerProcess(process, Integer.parseInt(line.trim()), pinned);
    }

    private static boolean tasksetAvailable() {
        try {
            Process p = new ProcessBuilder("taskset", "-c", SERVER_CPU, "true").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port + "/v2/";
    }

    boolean pinned() {
        return pinned;
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close(); // the server stops when its input closes
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
