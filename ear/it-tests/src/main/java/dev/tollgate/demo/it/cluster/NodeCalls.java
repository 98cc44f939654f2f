package dev.tollgate.demo.it.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/** The tests' calls into a node's web module: one call of the vendor's API as a Tollgate client, from that node. */
final class NodeCalls {

    /** What the node answered: 200 and the API's status and body, or Tollgate's exception. */
    record Answer(String node, int status, String body) {

        /** The API answered 200 to the node's call. */
        boolean ok() {
            return status == 200 && body.startsWith("200 ");
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

    private final ServerNodes nodes;

    NodeCalls(ServerNodes nodes) {
        this.nodes = nodes;
    }

    Answer call(String node, String client) {
        try {
            return send(node, client).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("no answer from " + node + ": " + e.getCause(), e.getCause());
        }
    }

    /** What {@code node}'s engine tells its operators of {@code client} (ClusterObservations): name to value. */
    Map<String, String> observations(String node, String client) {
        URI uri = nodes.url(node).resolve(ClusterEar.CONTEXT + "/observations/" + client);
        try {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException(node + " answered " + answer.statusCode() + " for " + uri + ": " + answer.body());
            }
            Map<String, String> values = new TreeMap<>();
            answer.body().lines().filter(line -> line.contains("="))
                    .forEach(line -> values.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1)));
            return values;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The call, answered later: several may be under way at once. */
    CompletableFuture<Answer> send(String node, String client) {
        URI uri = nodes.url(node).resolve(ClusterEar.CONTEXT + "/call/" + client + "?node=" + node);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(90)).GET().build();
        return HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(r -> new Answer(node, r.statusCode(), r.body()));
    }

}
