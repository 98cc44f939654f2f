package dev.tollgate.demo.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;
import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;

/**
 * The demo EAR as the tests deploy it, and plain HTTP to the server it runs in: the tests stand
 * where a browser, a script or BigCommerce would.
 */
public final class DemoServer {

    /** The built EAR, set by the server module's failsafe configuration. */
    public static final String EAR_PROPERTY = "tollgate.demo.ear";
    /** The server's HTTP address; the sandbox's vendors are configured under it. */
    public static final String BASE_PROPERTY = "tollgate.demo.base-url";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private DemoServer() {
    }

    public static EnterpriseArchive ear() {
        String path = System.getProperty(EAR_PROPERTY);
        if (path == null || !new File(path).isFile()) {
            throw new IllegalStateException("set " + EAR_PROPERTY + " to the built demo EAR (found: " + path + ")");
        }
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(path));
    }

    public static URI url(String path) {
        return URI.create(System.getProperty(BASE_PROPERTY, "http://127.0.0.1:8080") + path);
    }

    public static HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(url(path)).GET());
    }

    public static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("no answer from " + request.build().uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** GET, expecting 200 and a JSON array. */
    public static JsonArray jsonArray(String path) {
        return json(path).asJsonArray();
    }

    /** GET, expecting 200 and a JSON object. */
    public static JsonObject jsonObject(String path) {
        return json(path).asJsonObject();
    }

    private static JsonStructure json(String path) {
        HttpResponse<String> response = get(path);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + ": " + response.statusCode() + " " + response.body());
        }
        try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
            return reader.read();
        }
    }

    /** How many token requests each sandbox vendor has answered since the EAR was deployed. */
    public static JsonObject sandboxTokenRequests() {
        return jsonObject("/sandbox/stats");
    }
}
