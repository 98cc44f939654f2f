package dev.tollgate.demo.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.testkit.http.RequestJournal;
import dev.tollgate.testkit.simulator.bigcommerce.BigCommerceSimulator;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The sandbox's BigCommerce control panel sends the merchant's browser to the app's registered auth
 * callback with a code for a new store, uninstalls only stores it created, and sends a browser back
 * only to the app's own origin.
 */
class SandboxBigCommerceControlPanelTest {

    // the app's uninstall callback on a port nothing listens on: the panel reports it could not reach it
    private static final AppRegistration APP = new AppRegistration("demo-app-client", "demo-app-secret-0123456789abcdefghij",
            URI.create("http://127.0.0.1:1/backoffice/api/bigcommerce/auth"));

    private final BigCommerceSimulator simulator = new BigCommerceSimulator(Clock.systemUTC(), new RequestJournal());
    private final SandboxBigCommerceControlPanel panel = new SandboxBigCommerceControlPanel(simulator, () -> Optional.of(APP));

    @Test
    void aNewStoreSendsTheBrowserToTheRegisteredAuthCallbackWithItsCode() {
        Response installed = panel.installOnNewStore();

        assertEquals(303, installed.getStatus());
        URI auth = installed.getLocation();
        assertEquals(APP.authCallback().getPath(), auth.getPath());
        assertTrue(auth.getRawQuery().matches("(^|.*&)code=[^&]+(&.*|$)"), auth.getRawQuery());
        String hash = auth.getRawQuery().replaceAll(".*context=stores%2F([a-z0-9]+).*", "$1");
        assertTrue(hash.matches("[a-z0-9]{10}"), auth.getRawQuery());
        assertEquals(303, panel.reinstall(hash).getStatus(), "the store it created installs again");
    }

    @Test
    void aStoreTheSandboxDidNotCreateIsNotFound() {
        assertEquals(404, panel.reinstall("abc123def").getStatus());
        assertEquals(404, panel.uninstall("abc123def", null).getStatus());
        assertEquals(404, panel.open("abc123def").getStatus());
        assertEquals(404, panel.replayUninstall("abc123def").getStatus());
    }

    @Test
    void theBrowserGoesBackOnlyToTheAppsOriginAndNothingHappensOtherwise() {
        String hash = hashOf(panel.installOnNewStore());
        for (String elsewhere : new String[] {"https://evil.example/shop/", "http://127.0.0.1:2/shop/", "/shop/",
                "//evil.example/", "http://user@127.0.0.1:1/shop/", "not a url ::"}) {
            assertEquals(400, panel.uninstall(hash, elsewhere).getStatus(), elsewhere);
        }
        assertEquals(404, panel.replayUninstall(hash).getStatus(), "an uninstall was sent although refused");

        Response back = panel.uninstall(hash, "http://127.0.0.1:1/shop/");

        assertEquals(303, back.getStatus());
        assertEquals(URI.create("http://127.0.0.1:1/shop/"), back.getLocation());
        assertFalse(simulator.accessToken(APP.clientId(), hash).isPresent(), "the store still has a token");
        assertEquals(409, panel.uninstall(hash, null).getStatus(), "a second uninstall (a button pressed twice)");
    }

    @Test
    void withoutTheAppsKeysNothingIsInstalled() {
        SandboxBigCommerceControlPanel unregistered = new SandboxBigCommerceControlPanel(simulator, Optional::empty);
        Response refused = unregistered.installOnNewStore();
        assertEquals(503, refused.getStatus());
        assertTrue(refused.getEntity().toString().contains("tollgate.bigcommerce.auth-callback-url"), refused.getEntity().toString());
    }

    @Test
    void theRegistrationNeverShowsTheSecret() {
        assertFalse(APP.toString().contains(APP.clientSecret()), APP.toString());
    }

    private static String hashOf(Response installed) {
        return installed.getLocation().getRawQuery().replaceAll(".*context=stores%2F([a-z0-9]+).*", "$1");
    }
}
