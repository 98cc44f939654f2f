package dev.tollgate.demo.it.load;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixed number of clients, each on its own thread, asking for one page (a JSON array of call
 * outcomes) again and again until the run's time is up; a request under way then is waited for.
 * Every page is recorded: its latency, its HTTP status, and how many of its calls failed.
 */
public final class PageLoad {

    /** How long one request may take before it counts as not completed. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final URI page;
    private final int clients;

    public PageLoad(URI page, int clients) {
        this.page = page;
        this.clients = clients;
    }

    /** Runs the clients for {@code duration} and returns every page they asked for. */
    public LoadResult run(Duration duration) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        AtomicInteger names = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(clients, task -> {
            Thread thread = new Thread(task, "load-client-" + names.incrementAndGet());
            thread.setDaemon(true); // a client stuck past the safety net never holds the test JVM
            return thread;
        });
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        List<Future<List<PageResult>>> running = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            running.add(threads.submit(() -> askUntil(http, end)));
        }
        threads.shutdown();
        List<PageResult> pages = new ArrayList<>();
        // safety net only: each request ends by its own timeout, so this is never reached normally
        long safetyNet = end + REQUEST_TIMEOUT.toNanos() + TimeUnit.SECONDS.toNanos(30);
        try {
            for (Future<List<PageResult>> client : running) {
                pages.addAll(client.get(Math.max(0, safetyNet - System.nanoTime()), TimeUnit.NANOSECONDS));
            }
        } catch (TimeoutException e) {
            threads.shutdownNow();
            throw new AssertionError("a load client was still waiting " + REQUEST_TIMEOUT + " after the run ended", e);
        } catch (ExecutionException e) {
            throw new AssertionError("a load client failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        return new LoadResult(clients, Duration.ofNanos(System.nanoTime() - start), pages);
    }

    private List<PageResult> askUntil(HttpClient http, long end) {
        List<PageResult> pages = new ArrayList<>();
        HttpRequest request = HttpRequest.newBuilder(page).timeout(REQUEST_TIMEOUT).GET().build();
        while (System.nanoTime() < end) {
            long sent = System.nanoTime();
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                pages.add(read(response, System.nanoTime() - sent));
            } catch (IOException e) {
                pages.add(PageResult.notCompleted(System.nanoTime() - sent, e.toString()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                pages.add(PageResult.notCompleted(System.nanoTime() - sent, "interrupted"));
                break;
            }
        }
        return pages;
    }

    private static PageResult read(HttpResponse<String> response, long nanos) {
        if (response.statusCode() != 200) {
            return PageResult.notCompleted(nanos, "HTTP " + response.statusCode());
        }
        try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
            JsonArray calls = reader.readArray();
            int failed = 0;
            String firstError = null;
            for (JsonObject call : calls.getValuesAs(JsonObject.class)) {
                if (!call.getBoolean("ok", false)) {
                    failed++;
                    if (firstError == null) {
                        firstError = call.getString("client", "?") + ": " + call.getString("error", "?");
                    }
                }
            }
            return new PageResult(nanos, true, calls.size(), failed, firstError);
        } catch (JsonException | ClassCastException e) {
            return PageResult.notCompleted(nanos, "not the calls' JSON: " + e);
        }
    }
}
