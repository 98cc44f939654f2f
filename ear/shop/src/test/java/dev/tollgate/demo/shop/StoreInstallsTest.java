package dev.tollgate.demo.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.demo.shop.ControlPanel.ControlPanelException;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the page's install and uninstall do with the control panel, and what they tell. */
class StoreInstallsTest {

    private static final String AUTH_CALLBACK = "http://127.0.0.1:8080/backoffice/api/bigcommerce/auth";

    private final FakeControlPanel controlPanel = new FakeControlPanel();
    private final FakeAppStores stores = new FakeAppStores();
    private final StoreInstalls installs = new StoreInstalls();

    StoreInstallsTest() {
        installs.controlPanel = controlPanel;
        installs.stores = stores;
        installs.authCallbackUrl = Optional.of(AUTH_CALLBACK);
    }

    @Test
    void anInstallSendsTheBrowserToTheAppsAuthCallbackForTheNewStore() {
        StoreInstalls.StartedInstall started = installs.start();
        assertEquals(controlPanel.installRedirect, started.browserGoesTo());
        assertEquals("new1store", started.storeHash());
        assertFalse(started.toString().contains("c0de"), "the code in " + started);
    }

    @Test
    void aControlPanelThatSendsTheBrowserAnywhereButTheAppsAuthCallbackIsNotFollowed() {
        for (String elsewhere : List.of(
                "https://evil.example/backoffice/api/bigcommerce/auth?context=stores/abc",
                "http://127.0.0.1:8081/backoffice/api/bigcommerce/auth?context=stores/abc",
                "http://127.0.0.1:8080/shop/stores/uninstall?context=stores/abc",
                "http://someone@127.0.0.1:8080/backoffice/api/bigcommerce/auth?context=stores/abc",
                "/backoffice/api/bigcommerce/auth?context=stores/abc")) {
            controlPanel.installRedirect = URI.create(elsewhere);
            ControlPanelException refused = assertThrows(ControlPanelException.class, installs::start, elsewhere);
            assertTrue(refused.getMessage().contains("not followed"), refused.getMessage());
        }
    }

    @Test
    void anAuthCallbackWithoutAStoresContextIsNotFollowed() {
        for (String query : List.of("code=c", "code=c&context=", "code=c&context=stores%2F", "code=c&context=stores/a%26b",
                "code=c&context=stores/" + "a".repeat(65), "code=c&context=accounts/abc")) {
            controlPanel.installRedirect = URI.create(AUTH_CALLBACK + "?" + query);
            assertThrows(ControlPanelException.class, installs::start, query);
        }
    }

    @Test
    void withoutAnAuthCallbackUrlNoStoreIsCreatedAtTheControlPanel() {
        for (Optional<String> url : List.of(Optional.<String>empty(), Optional.of("/backoffice/api/bigcommerce/auth"),
                Optional.of("http://[broken"))) {
            installs.authCallbackUrl = url;
            ControlPanelException refused = assertThrows(ControlPanelException.class, installs::start);
            assertTrue(refused.getMessage().contains(StoreInstalls.AUTH_CALLBACK_URL), refused.getMessage());
        }
        assertEquals(List.of(), controlPanel.asked);
    }

    @Test
    void theInstallIsConfirmedOnlyWhenTheTenantStoreHasTheStore() {
        Flash notStored = installs.installed("new1store");
        assertFalse(notStored.ok());
        assertTrue(notStored.headline().startsWith("The app was not installed on store new1store"), notStored.headline());

        stores.installed.add("store-new1store");
        Flash stored = installs.installed("new1store");
        assertTrue(stored.ok(), stored.headline());
        assertTrue(stored.headline().startsWith("Installed the app on store new1store"), stored.headline());
        assertTrue(stored.headline().contains("tenant store-new1store"), stored.headline());
    }

    @Test
    void anInstallThatSavedNothingNamesTheAuthCallbackKeyAnAdministratorMayHaveGotWrong() {
        // auth-callback-url pointing at another web module: the browser got that module's 404, and
        // the page is the only place that can say which key sent it there
        installs.authCallbackUrl = Optional.of("http://127.0.0.1:8080/shop/api/bigcommerce/auth");
        Flash notStored = installs.installed("new1store");
        assertFalse(notStored.ok());
        assertTrue(notStored.details().stream().anyMatch(d -> d.contains(StoreInstalls.AUTH_CALLBACK_URL)
                && d.contains("http://127.0.0.1:8080/shop/api/bigcommerce/auth")), notStored.details().toString());
    }

    @Test
    void anUninstalledStoreIsToldGoneAndItsNextCallRefusedBeforeSending() {
        stores.installed.add("store-abc123");
        controlPanel.uninstallCallback = () -> {
            stores.installed.remove("store-abc123"); // the app's uninstall callback removes the tenant
            return 200;
        };
        Flash flash = installs.uninstall("abc123");
        assertTrue(flash.ok(), flash.headline());
        assertEquals(List.of("uninstall abc123"), controlPanel.asked);
        assertTrue(flash.headline().startsWith("Uninstalled the app from store abc123"), flash.headline());
        assertTrue(flash.details().contains("BigCommerce's uninstall callback got HTTP 200 from the app."), flash.details().toString());
        assertTrue(flash.details().stream().anyMatch(d -> d.startsWith("A catalog call for it now: refused,") && d.endsWith("Nothing was sent.")),
                flash.details().toString());
    }

    @Test
    void aStoreTheAppDidNotRemoveIsToldStillInstalled() {
        stores.installed.add("store-abc123");
        controlPanel.uninstallCallback = () -> 401; // the app refused BigCommerce's uninstall callback
        Flash flash = installs.uninstall("abc123");
        assertFalse(flash.ok());
        assertTrue(flash.headline().startsWith("Store abc123 is still installed"), flash.headline());
        assertTrue(flash.details().contains("BigCommerce's uninstall callback got HTTP 401 from the app."), flash.details().toString());
    }

    @Test
    void aStoreThatDidNotInstallTheAppIsNotSentToTheControlPanel() {
        // a configured store (store-a) is not "installed": the page does not uninstall it either
        Flash flash = installs.uninstall("abc123def");
        assertFalse(flash.ok());
        assertEquals("No store that installed the app has the hash abc123def.", flash.headline());
        assertEquals(List.of(), controlPanel.asked);
    }

    @Test
    void aValueThatIsNoStoreHashIsNeitherRepeatedNorSentOn() {
        for (String notAHash : List.of("", "abc/../../stores", "abc?then=https://evil.example", "<b>x</b>",
                "sk live 0123456789abcdef0123456789abcdef " + "x".repeat(1_000_000))) {
            Flash flash = installs.uninstall(notAHash);
            assertFalse(flash.ok());
            assertEquals("That is not a BigCommerce store hash: nothing was uninstalled.", flash.headline());
        }
        assertEquals(List.of(), controlPanel.asked);
    }

    @Test
    void aControlPanelThatRefusesTheUninstallIsToldAndTheStoreStaysListed() {
        stores.installed.add("store-abc123");
        controlPanel.uninstallCallback = () -> {
            throw new ControlPanelException("The sandbox's control panel did not uninstall the app (HTTP 404): No such store in this sandbox.");
        };
        Flash flash = installs.uninstall("abc123");
        assertFalse(flash.ok());
        assertEquals("The app was not uninstalled from store abc123.", flash.headline());
        assertEquals(List.of("The sandbox's control panel did not uninstall the app (HTTP 404): No such store in this sandbox."),
                flash.details());
    }

    @Test
    void aStoreAnotherTabUninstalledMeanwhileIsToldGoneNotStillInstalled() {
        // two tabs, one store: both saw it installed; the other tab's uninstall went first, so the
        // control panel refuses this one (the app is no longer installed there)
        stores.installed.add("store-abc123");
        controlPanel.uninstallCallback = () -> {
            stores.installed.remove("store-abc123");
            throw new ControlPanelException("The sandbox's control panel did not uninstall the app (HTTP 409): The app is not installed in this store.");
        };
        Flash flash = installs.uninstall("abc123");
        assertTrue(flash.ok(), flash.headline());
        assertTrue(flash.headline().startsWith("Store abc123 is not installed any more"), flash.headline());
        assertTrue(flash.details().stream().anyMatch(d -> d.startsWith("A catalog call for it now: refused,") && d.endsWith("Nothing was sent.")),
                flash.details().toString());
    }

    @Test
    void thePagesPolicyNamesTheAuthCallbacksOriginOnlyWhenItIsOne() {
        assertEquals(Optional.of("http://127.0.0.1:8080"), installs.authCallbackOrigin());
        installs.authCallbackUrl = Optional.of("https://app.example.com/bigcommerce/auth");
        assertEquals(Optional.of("https://app.example.com"), installs.authCallbackOrigin());
        // a value that would end the directive and add another is never put in the header
        installs.authCallbackUrl = Optional.of("http://a.example;script-src%20*/auth");
        assertEquals(Optional.empty(), installs.authCallbackOrigin());
        installs.authCallbackUrl = Optional.of("javascript:alert(1)");
        assertEquals(Optional.empty(), installs.authCallbackOrigin());

        assertEquals("default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
                DemoPage.contentSecurityPolicy(Optional.empty()));
        assertEquals("default-src 'none'; style-src 'unsafe-inline'; form-action 'self' http://127.0.0.1:8080; frame-ancestors 'none';"
                + " base-uri 'none'", DemoPage.contentSecurityPolicy(Optional.of("http://127.0.0.1:8080")));
    }
}
