package dev.tollgate.benchmarks;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * The end-to-end benchmark's server, run in a JVM of its own ({@link ServerProcess}): answers
 * every request on 127.0.0.1 with 200 and a small JSON body at once, prints its port, and stops
 * when its standard input closes (so it never outlives the benchmark that started it).
 */
public final class LoopbackHttpServer {

    private LoopbackHttpServer() {
    }

    public static void main(String[] args) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
        byte[] body = "{\"categories\":[]}".getBytes(StandardCharsets.UTF_8);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        System.out.println(server.getAddress().getPort());
        System.out.flush();
        while (System.in.read() != -1) {
            // runs until the parent closes our input or dies
        }
        server.stop(0);
        System.exit(0);
    }
}
