package dev.tollgate.demo.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the server under test serves what operators watch, as server-config sets it up: WildFly
 * on its management interface (MicroProfile Health at /health, Micrometer's Prometheus registry
 * at /prometheus), Payara on its HTTP listener (/health, MicroProfile Metrics at /metrics).
 */
final class OperatorEndpoints {

    private final String health;
    private final String metrics;

    private OperatorEndpoints(String health, String metrics) {
        this.health = health;
        this.metrics = metrics;
    }

    /** Found from the home directory the server module passes, as {@link ServerLog} finds the log. */
    static OperatorEndpoints ofServerUnderTest() {
        if (System.getProperty("jboss.home") != null) {
            return new OperatorEndpoints("http://127.0.0.1:9990/health", "http://127.0.0.1:9990/prometheus");
        }
        if (System.getProperty("payara.home") != null) {
            return new OperatorEndpoints("http://127.0.0.1:8080/health", "http://127.0.0.1:8080/metrics");
        }
        throw new IllegalStateException("neither jboss.home nor payara.home is set: which server is this?");
    }

    /** The readiness endpoint's answer: its status code and its JSON. */
    record Readiness(int statusCode, JsonObject body) {

        /** The check named {@code name}, if the server reports it. */
        Optional<JsonObject> check(String name) {
            return body.getJsonArray("checks").stream().map(v -> v.asJsonObject())
                    .filter(c -> name.equals(c.getString("name", null))).findFirst();
        }
    }

    Readiness readiness() {
        HttpResponse<String> response = DemoServer.send(HttpRequest.newBuilder(java.net.URI.create(health + "/ready")).GET());
        try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
            return new Readiness(response.statusCode(), reader.readObject());
        } catch (RuntimeException e) {
            throw new AssertionError("the readiness endpoint answered " + response.statusCode() + ": " + response.body(), e);
        }
    }

    /** The metrics endpoint's text (Prometheus format). */
    String metrics() {
        HttpResponse<String> response = DemoServer.send(HttpRequest.newBuilder(java.net.URI.create(metrics))
                .header("Accept", "text/plain").GET());
        if (response.statusCode() != 200) {
            throw new AssertionError("the metrics endpoint answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /**
     * The sum of the series of {@code name} that carry every one of the {@code labels}
     * ({@code client="metered"}, say), 0 when there is none.
     */
    static double sum(String metricsText, String name, String... labels) {
        Pattern series = Pattern.compile("^" + Pattern.quote(name) + "\\{([^}]*)\\}\\s+(\\S+)", Pattern.MULTILINE);
        Matcher m = series.matcher(metricsText);
        double sum = 0;
        while (m.find()) {
            String found = m.group(1);
            boolean all = true;
            for (String label : labels) {
                all &= found.contains(label);
            }
            if (all) {
                sum += Double.parseDouble(m.group(2));
            }
        }
        return sum;
    }
}
