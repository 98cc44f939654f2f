package dev.tollgate.demo.sandbox;

import dev.tollgate.testkit.log.IssuedTokens;
import dev.tollgate.testkit.simulator.bigcommerce.AuthCallback;
import dev.tollgate.testkit.simulator.bigcommerce.BigCommerceSimulator;
import jakarta.json.Json;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * BigCommerce's control panel, as far as the demo and the in-server tests need it
 * ({@code /sandbox/bigcommerce/control-panel}): a merchant installs the demo app on a new store,
 * re-installs it, opens it, or uninstalls it. Like BigCommerce, it sends the merchant's browser to
 * the app's auth and load callbacks (303), and calls the uninstall callback itself, server to server.
 * <ul>
 *   <li>{@code POST stores}: a new store (random hash) installs the app: 303 to the auth callback;</li>
 *   <li>{@code POST stores/{hash}/install}: the store installs the app again (a new token);</li>
 *   <li>{@code GET stores/{hash}/load}: a store user opens the app: 303 to the load callback;</li>
 *   <li>{@code POST stores/{hash}/uninstall}: the token stops working, then the app's uninstall
 *       callback; JSON saying how the app answered, or 303 to {@code then} (a URL on the app's origin);</li>
 *   <li>{@code POST stores/{hash}/uninstall/replay}: the last uninstall callback sent again, as someone
 *       who captured it would (the tests': the app must refuse it).</li>
 * </ul>
 * The app's registration is the demo's own configuration ({@link AppRegistration}).
 */
@Path("/bigcommerce/control-panel")
public class SandboxBigCommerceControlPanel {

    /** The scopes the demo app asks for: it lists products. */
    static final String SCOPE = "store_v2_products_read_only";
    /** A store user of the sandbox: who installs and opens the app. */
    static final long USER_ID = 2_468_135;
    static final String USER_EMAIL = "merchant@sandbox-store.example.com";
    /** Stores a sandbox installs in its life: beyond this, refused rather than kept. */
    static final int MAX_STORES = 1000;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String HASH_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    private final BigCommerceSimulator simulator;
    private final Supplier<Optional<AppRegistration>> registration;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    /** The last uninstall callback sent for each store, for the replay. */
    private final Map<String, URI> lastUninstall = new ConcurrentHashMap<>();
    private final Set<String> stores = ConcurrentHashMap.newKeySet();
    private volatile AppRegistration registered;

    SandboxBigCommerceControlPanel(BigCommerceSimulator simulator, Supplier<Optional<AppRegistration>> registration) {
        this.simulator = simulator;
        this.registration = registration;
    }

    @POST
    @Path("stores")
    public Response installOnNewStore() {
        if (stores.size() >= MAX_STORES) {
            return plain(503, "This sandbox has created all the stores it keeps; redeploy it for more.");
        }
        String hash = newStoreHash();
        stores.add(hash);
        return install(hash);
    }

    @POST
    @Path("stores/{hash}/install")
    public Response reinstall(@PathParam("hash") String hash) {
        return stores.contains(hash) ? install(hash) : plain(404, "No such store in this sandbox.");
    }

    @GET
    @Path("stores/{hash}/load")
    public Response open(@PathParam("hash") String hash) {
        Optional<AppRegistration> app = app();
        if (app.isEmpty()) {
            return notRegistered();
        }
        if (!stores.contains(hash)) {
            return plain(404, "No such store in this sandbox.");
        }
        String payload = noted(simulator.signedPayload(app.get().clientId(), hash, USER_ID, USER_EMAIL));
        return Response.seeOther(withPayload(app.get().loadCallback(), payload)).build();
    }

    @POST
    @Path("stores/{hash}/uninstall")
    public Response uninstall(@PathParam("hash") String hash, @FormParam("then") String then) {
        Optional<AppRegistration> app = app();
        if (app.isEmpty()) {
            return notRegistered();
        }
        if (!stores.contains(hash)) {
            return plain(404, "No such store in this sandbox.");
        }
        Optional<URI> back = Optional.ofNullable(then).map(String::trim).filter(t -> !t.isEmpty()).map(SandboxBigCommerceControlPanel::uri);
        if (back.isPresent() && !app.get().sameOrigin(back.get())) {
            // checked before anything happens: the control panel sends no browser to another site
            return plain(400, "then must be a URL of the app's own origin.");
        }
        String payload;
        try {
            payload = noted(simulator.uninstall(app.get().clientId(), hash));
        } catch (IllegalStateException notInstalled) {
            return plain(409, "The app is not installed in this store.");
        }
        URI callback = withPayload(app.get().uninstallCallback(), payload);
        lastUninstall.put(hash, callback);
        int status = send(callback);
        return back.isPresent() ? Response.seeOther(back.get()).build() : callbackAnswer(hash, status);
    }

    @POST
    @Path("stores/{hash}/uninstall/replay")
    public Response replayUninstall(@PathParam("hash") String hash) {
        URI callback = lastUninstall.get(hash);
        return callback == null ? plain(404, "No uninstall was sent for this store.") : callbackAnswer(hash, send(callback));
    }

    private Response install(String hash) {
        Optional<AppRegistration> app = app();
        if (app.isEmpty()) {
            return notRegistered();
        }
        AuthCallback callback = simulator.install(app.get().clientId(), hash, SCOPE);
        // as BigCommerce: the merchant's browser carries the code to the app
        return Response.seeOther(callback.at(app.get().authCallback())).build();
    }

    /** The app, registered with the simulator once. */
    private Optional<AppRegistration> app() {
        AppRegistration app = registered;
        if (app == null) {
            synchronized (this) {
                if (registered == null) {
                    registration.get().ifPresent(r -> {
                        simulator.registerApp(r.clientId(), r.clientSecret(), r.authCallback().toString());
                        registered = r;
                    });
                }
                app = registered;
            }
        }
        return Optional.ofNullable(app);
    }

    /** Server to server, as BigCommerce: the app's HTTP status, or 0 when it could not be reached. */
    private int send(URI callback) {
        try {
            return http.send(HttpRequest.newBuilder(callback).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException unreachable) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /**
     * A signed payload's signature, noted for the log scans of a test run (the simulator notes the
     * codes and tokens it issues): the header is every HS256 JWT's and the claims are the store's
     * public facts, but the signature is what makes the payload good.
     */
    private static String noted(String signedPayload) {
        IssuedTokens.record(signedPayload.substring(signedPayload.lastIndexOf('.') + 1));
        return signedPayload;
    }

    /** The URI, or a relative one that no origin matches when the text is not one. */
    private static URI uri(String text) {
        try {
            return new URI(text);
        } catch (java.net.URISyntaxException notAUri) {
            return URI.create("");
        }
    }

    private static URI withPayload(URI callback, String signedPayload) {
        return UriBuilder.fromUri(callback).queryParam("signed_payload_jwt", signedPayload).build();
    }

    private static String newStoreHash() {
        StringBuilder hash = new StringBuilder(10);
        for (int i = 0; i < 10; i++) {
            hash.append(HASH_ALPHABET.charAt(RANDOM.nextInt(HASH_ALPHABET.length())));
        }
        return hash.toString();
    }

    private static Response callbackAnswer(String hash, int status) {
        return Response.ok(Json.createObjectBuilder().add("store", hash).add("callback-status", status).build().toString(),
                MediaType.APPLICATION_JSON_TYPE).build();
    }

    private static Response notRegistered() {
        return plain(503, "No BigCommerce app is registered: the server's configuration lacks " + AppRegistration.PREFIX
                + "client-id, " + AppRegistration.PREFIX + "client-secret or " + AppRegistration.PREFIX + "auth-callback-url, or "
                + AppRegistration.PREFIX + "auth-callback-url is not an absolute http or https URL.");
    }

    private static Response plain(int status, String message) {
        return Response.status(status).type(MediaType.TEXT_PLAIN_TYPE).entity(message).build();
    }
}
