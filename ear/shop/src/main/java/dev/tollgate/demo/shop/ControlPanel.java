package dev.tollgate.demo.shop;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The sandbox's stand-in for BigCommerce's control panel, where a merchant installs and uninstalls
 * apps: the page's buttons ask it what the merchant's clicks at BigCommerce would. Absent (no
 * {@value #KEY}) against the real BigCommerce, where merchants do this in their own control panel.
 * <p>
 * Asked from the server, not from the browser: the page's forms carry the session's form token
 * ({@link FormGuard}), which must not be sent on to another host, and the control panel's actions
 * are POSTs, which a redirect cannot make. What BigCommerce does with the browser is still done
 * with the browser: the install's redirect to the app's auth callback is handed to it.
 */
@ApplicationScoped
public class ControlPanel {

    /** The demo's own key: the control panel's URL ({@code .../sandbox/bigcommerce/control-panel}). */
    static final String KEY = "demo.bigcommerce.sandbox-control-panel";

    /** The control panel's uninstall waits for the app's uninstall callback (its own limit: 10 s). */
    private static final Duration ANSWER_LIMIT = Duration.ofSeconds(20);
    /** Of an error's text, no more is shown. */
    private static final int SHOWN = 300;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    @Inject @ConfigProperty(name = KEY) Optional<String> url;
    /** How long the page waits for the control panel's whole answer. */
    Duration answerLimit = ANSWER_LIMIT;

    /** True when the demo runs against the sandbox, which has a control panel. */
    boolean available() {
        return url.filter(u -> !u.isBlank()).isPresent();
    }

    /**
     * A new store installs the app: where the control panel sends the merchant's browser (the app's
     * auth callback with the store's code), unread.
     *
     * @throws ControlPanelException when it did not answer with a redirect
     */
    URI installOnNewStore() {
        HttpResponse<String> answer = post("stores");
        Optional<String> location = answer.headers().firstValue("Location");
        if (answer.statusCode() / 100 != 3 || location.isEmpty()) {
            throw refusal("did not install the app", answer);
        }
        try {
            return URI.create(location.get());
        } catch (IllegalArgumentException e) {
            throw new ControlPanelException("The sandbox's control panel sent the browser to a URL that is not one.");
        }
    }

    /**
     * The merchant uninstalls the app from {@code storeHash}: the control panel revokes the store's
     * token and calls the app's uninstall callback.
     *
     * @return the HTTP status the app's uninstall callback answered the control panel with (0: not reached)
     * @throws ControlPanelException when the control panel refused or did not answer
     */
    int uninstall(String storeHash) {
        HttpResponse<String> answer = post("stores/" + storeHash + "/uninstall");
        if (answer.statusCode() != 200) {
            throw refusal("did not uninstall the app", answer);
        }
        try (JsonReader reader = Json.createReader(new StringReader(answer.body()))) {
            JsonObject said = reader.readObject();
            return said.getInt("callback-status");
        } catch (JsonException | ClassCastException | NullPointerException e) {
            throw new ControlPanelException("The sandbox's control panel answered the uninstall with something else than its JSON.");
        }
    }

    private HttpResponse<String> post(String path) {
        String base = url.map(String::strip).filter(u -> !u.isEmpty()).orElseThrow(() -> new ControlPanelException(
                KEY + " is not configured: without the sandbox's control panel, stores install the app from BigCommerce."));
        URI target;
        try {
            target = URI.create(base.replaceAll("/+$", "") + "/" + path);
        } catch (IllegalArgumentException e) {
            throw new ControlPanelException(KEY + " is not a URL: correct it in the server's configuration.");
        }
        if (!"http".equalsIgnoreCase(target.getScheme()) && !"https".equalsIgnoreCase(target.getScheme())
                || target.getHost() == null) { // "http:control-panel" parses, and only the client would refuse it
            throw new ControlPanelException(KEY + " is not an http or https URL: correct it in the server's configuration.");
        }
        // the control panel's buttons are forms, as BigCommerce's are: an empty one
        CompletableFuture<HttpResponse<String>> answer = http.sendAsync(HttpRequest.newBuilder(target).timeout(answerLimit)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        try {
            // the request's own timeout ends when the headers arrive: the whole answer has this limit
            return answer.get(answerLimit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw tooSlow();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof HttpTimeoutException) {
                throw tooSlow();
            }
            throw new ControlPanelException("The sandbox's control panel could not be reached (" + cause.getClass().getSimpleName()
                    + "): is the sandbox deployed, and " + KEY + " its URL?");
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw new ControlPanelException("Interrupted while waiting for the sandbox's control panel.");
        }
    }

    private ControlPanelException tooSlow() {
        return new ControlPanelException("The sandbox's control panel did not answer within " + answerLimit.toSeconds()
                + " s: is the sandbox overloaded? Nothing is asked of it again until a button is pressed again.");
    }

    /** Its plain-text explanation is shown (the sandbox's own words, never a secret); anything else only by status. */
    private static ControlPanelException refusal(String what, HttpResponse<String> answer) {
        String says = answer.headers().firstValue("Content-Type").orElse("").startsWith("text/plain")
                ? ": " + shortened(answer.body()) : ".";
        return new ControlPanelException("The sandbox's control panel " + what + " (HTTP " + answer.statusCode() + ")" + says);
    }

    private static String shortened(String text) {
        String oneLine = text.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= SHOWN ? oneLine : oneLine.substring(0, SHOWN) + "…";
    }

    /** Why the control panel did not do what the page asked; its message is for the page. */
    static final class ControlPanelException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        ControlPanelException(String message) {
            super(message);
        }
    }
}
