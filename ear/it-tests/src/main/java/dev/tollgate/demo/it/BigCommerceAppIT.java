package dev.tollgate.demo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * (d) The demo as a BigCommerce app installed by many stores, in a real server. The sandbox plays
 * BigCommerce: its control panel installs the app on a new store and sends the merchant's browser
 * (this test, following the redirect) to the back office's auth callback, whose code Tollgate's
 * handler exchanges at the sandbox's login service; the store is then tenant {@code store-<hash>},
 * which the shop, another web module of the EAR, calls at once. The sandbox counts what each store's
 * API received and refused: a re-install's old token must never be sent, and an uninstalled store's
 * calls must send nothing at all.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BigCommerceAppIT {

    private static final String CONTROL_PANEL = "/sandbox/bigcommerce/control-panel/stores";
    private static final String AUTH_CALLBACK = "/backoffice/api/bigcommerce/auth";

    /** Stores this class installed and has not uninstalled: uninstalled at the end, so later tests see none. */
    private static final Set<String> INSTALLED = ConcurrentHashMap.newKeySet();

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return DemoServer.ear();
    }

    @AfterAll
    static void uninstallWhatIsLeft() {
        for (String hash : List.copyOf(INSTALLED)) {
            uninstall(hash);
        }
    }

    @Test
    void aStoreInstalledThroughTheCallbacksIsCalledFromAnotherModuleAtOnce() {
        String hash = installOnNewStore();

        JsonObject call = shopCall(hash);

        assertTrue(call.getBoolean("ok"), call.toString());
        assertEquals("store-" + hash, call.getString("tenant"), call.toString());
        assertEquals(Map.of("requests", 1, "refused", 0), storeStats(hash), "one catalog request, with the store's token");
    }

    @Test
    void aReinstallsNewTokenIsUsedAtOnceAndTheRevokedOneIsNeverSent() {
        String hash = installOnNewStore();
        assertTrue(shopCall(hash).getBoolean("ok"), "the first token, now cached");

        followToTheAuthCallback(controlPanel(CONTROL_PANEL + "/" + hash + "/install"));
        JsonObject call = shopCall(hash);

        assertTrue(call.getBoolean("ok"), call.toString());
        // the sandbox revoked the first token at the re-install: had it been sent, the store would have refused it
        assertEquals(Map.of("requests", 2, "refused", 0), storeStats(hash));
    }

    @Test
    void anUninstalledStoresNextCallFailsWithNothingSent() {
        String hash = installOnNewStore();
        assertTrue(shopCall(hash).getBoolean("ok"), "cached before the uninstall");

        assertEquals(200, uninstall(hash), "the app's answer to BigCommerce's uninstall callback");
        JsonObject call = shopCall(hash);

        assertFalse(call.getBoolean("ok"), call.toString());
        assertTrue(call.getString("error").contains("store-" + hash), "the error names the store's tenant: " + call);
        assertEquals(Map.of("requests", 1, "refused", 0), storeStats(hash), "a request was sent for the uninstalled store");
    }

    @Test
    void aReplayedLoadOrUninstallPayloadIsRefused() {
        String hash = installOnNewStore();

        // a store user opens the app: BigCommerce sends the browser to the load callback with a signed payload
        URI load = location(DemoServer.send(HttpRequest.newBuilder(DemoServer.url(CONTROL_PANEL + "/" + hash + "/load")).GET()));
        HttpResponse<String> opened = DemoServer.send(HttpRequest.newBuilder(load).GET());
        assertEquals(200, opened.statusCode(), opened.body());
        assertTrue(opened.body().contains("\"store\":\"" + hash + "\""), opened.body());
        HttpResponse<String> replayedLoad = DemoServer.send(HttpRequest.newBuilder(load).GET());
        assertEquals(401, replayedLoad.statusCode(), "the same load URL a second time: " + replayedLoad.body());

        assertEquals(200, uninstall(hash));
        assertEquals(401, callbackStatus(controlPanel(CONTROL_PANEL + "/" + hash + "/uninstall/replay")),
                "the same uninstall callback a second time");
    }

    @Test
    void aCodeTheLoginServiceRefusesInstallsNothing() {
        // a code BigCommerce never issued, for a store nobody installed the app on
        String hash = "bogus" + Long.toString(System.nanoTime(), 36);
        int logins = logins();
        HttpResponse<String> bogus = authCallback("code=" + "qT7vX2mK9pL4wR8n" + "&scope=store_v2_products_read_only"
                + "&context=" + URLEncoder.encode("stores/" + hash, StandardCharsets.UTF_8));
        assertEquals(400, bogus.statusCode(), bogus.body());
        assertFalse(bogus.body().contains("qT7vX2mK"), "the refusal quotes the code: " + bogus.body());
        assertEquals(logins + 1, logins(), "the code was sent to the login service, which refused it");

        JsonObject call = shopCall(hash);
        assertFalse(call.getBoolean("ok"), call.toString());
        assertEquals(Map.of("requests", 0, "refused", 0), storeStats(hash), "a request was sent for a store never installed");
    }

    @Test
    void aCodeUsedTwiceIsRefusedAndTheFirstInstallStands() {
        HttpResponse<String> panel = controlPanel(CONTROL_PANEL);
        URI auth = location(panel);
        String hash = storeOf(auth);
        INSTALLED.add(hash);
        assertEquals(303, DemoServer.send(HttpRequest.newBuilder(auth).GET()).statusCode());

        HttpResponse<String> again = DemoServer.send(HttpRequest.newBuilder(auth).GET());

        assertEquals(400, again.statusCode(), again.body());
        JsonObject call = shopCall(hash);
        assertTrue(call.getBoolean("ok"), "the refused second exchange changed the stored store: " + call);
    }

    /**
     * What the merchant's browser carried (the auth callback's code, the load callback's signed
     * payload) never reaches the server's log, whole or any 8-character piece; the access tokens
     * the sandbox issued are scanned for after the run (the it-wildfly and it-payara poms).
     */
    @Test
    void neitherTheCodeNorTheSignedPayloadIsLogged() {
        Optional<ServerLog> log = ServerLog.fromNow();
        URI auth = location(controlPanel(CONTROL_PANEL));
        String hash = storeOf(auth);
        INSTALLED.add(hash);
        followToTheAuthCallback(auth);
        URI load = location(DemoServer.send(HttpRequest.newBuilder(DemoServer.url(CONTROL_PANEL + "/" + hash + "/load")).GET()));
        assertEquals(200, DemoServer.send(HttpRequest.newBuilder(load).GET()).statusCode());
        assertEquals(401, DemoServer.send(HttpRequest.newBuilder(load).GET()).statusCode());
        assertTrue(shopCall(hash).getBoolean("ok"));
        assertEquals(200, uninstall(hash));

        String logged = log.map(ServerLog::since).orElse("");
        String code = queryOf(auth).get("code");
        String jwt = queryOf(load).get("signed_payload_jwt");
        // the payload's signature: its header is every HS256 JWT's, its claims the store's public facts
        String signature = jwt.substring(jwt.lastIndexOf('.') + 1);
        for (String secret : List.of(code, signature)) {
            for (int i = 0; i + 8 <= secret.length(); i++) {
                String piece = secret.substring(i, i + 8);
                assertFalse(logged.contains(piece), "the server logged a piece of a " + (secret.equals(code) ? "code" : "signed payload"));
            }
        }
    }

    /** The merchant installs the app on a new store in the sandbox's control panel: the store's hash. */
    private static String installOnNewStore() {
        URI auth = location(controlPanel(CONTROL_PANEL));
        String hash = storeOf(auth);
        INSTALLED.add(hash);
        followToTheAuthCallback(auth);
        return hash;
    }

    /** The control panel's redirect, followed as a browser would: the app answers by sending it to the demo page. */
    private static void followToTheAuthCallback(HttpResponse<String> panel) {
        followToTheAuthCallback(location(panel));
    }

    private static void followToTheAuthCallback(URI auth) {
        assertTrue(auth.toString().startsWith(DemoServer.url(AUTH_CALLBACK).toString()), "the registered auth callback: " + auth);
        HttpResponse<String> installed = DemoServer.send(HttpRequest.newBuilder(auth).GET());
        assertEquals(303, installed.statusCode(), installed.body());
        assertEquals(DemoServer.url("/shop/"), location(installed), "the merchant lands on the demo page");
    }

    private static int uninstall(String hash) {
        int status = callbackStatus(controlPanel(CONTROL_PANEL + "/" + hash + "/uninstall"));
        INSTALLED.remove(hash);
        return status;
    }

    /** A button of the control panel: a form the merchant's browser posts. */
    private static HttpResponse<String> controlPanel(String path) {
        return DemoServer.send(HttpRequest.newBuilder(DemoServer.url(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    private static HttpResponse<String> authCallback(String query) {
        return DemoServer.get(AUTH_CALLBACK + "?" + query);
    }

    /** How the app answered a callback the sandbox sent it, server to server. */
    private static int callbackStatus(HttpResponse<String> panel) {
        assertEquals(200, panel.statusCode(), panel.body());
        return json(panel.body()).getInt("callback-status");
    }

    private static JsonObject shopCall(String hash) {
        return DemoServer.jsonObject("/shop/api/bigcommerce/stores/" + hash + "/products");
    }

    private static Map<String, Integer> storeStats(String hash) {
        JsonObject stats = DemoServer.jsonObject("/sandbox/stats/bigcommerce/stores/" + hash);
        return Map.of("requests", stats.getInt("requests"), "refused", stats.getInt("refused"));
    }

    private static URI location(HttpResponse<String> response) {
        assertEquals(303, response.statusCode(), response.body());
        URI location = URI.create(response.headers().firstValue("Location").orElseThrow());
        return location.isAbsolute() ? location : response.uri().resolve(location);
    }

    /** The store the auth callback's {@code context} names ({@code stores/{hash}}). */
    private static String storeOf(URI auth) {
        String context = queryOf(auth).getOrDefault("context", "");
        assertTrue(context.matches("stores/[a-z0-9]+"), "context " + context + " in " + auth.getPath());
        return context.substring("stores/".length());
    }

    private static Map<String, String> queryOf(URI uri) {
        return Arrays.stream(Optional.ofNullable(uri.getRawQuery()).orElse("").split("&"))
                .map(p -> p.split("=", 2)).filter(p -> p.length == 2)
                .collect(Collectors.toMap(p -> p[0], p -> URLDecoder.decode(p[1], StandardCharsets.UTF_8), (a, b) -> a));
    }

    private static int logins() {
        return DemoServer.jsonObject("/sandbox/stats/bigcommerce/login").getInt("requests");
    }

    private static JsonObject json(String body) {
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }
}
