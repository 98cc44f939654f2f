package dev.tollgate.demo.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The app's forms refuse a POST without the session's own form token before the control panel is
 * asked anything; with it, install sends the browser on to the app's auth callback and remembers
 * the store, and uninstall comes back to the page with what it did.
 */
class StoreFormsGuardTest {

    private final Map<String, Object> attributes = new HashMap<>();
    private final HttpSession session = proxy(HttpSession.class, (name, args) -> switch (name) {
        case "getAttribute" -> attributes.get((String) args[0]);
        case "setAttribute" -> attributes.put((String) args[0], args[1]);
        case "removeAttribute" -> attributes.remove((String) args[0]);
        default -> throw new UnsupportedOperationException(name);
    });
    private final FakeControlPanel controlPanel = new FakeControlPanel();
    private final FakeAppStores stores = new FakeAppStores();
    private final StoreForms forms = new StoreForms();

    StoreFormsGuardTest() {
        forms.uri = proxy(UriInfo.class, (name, args) -> URI.create("http://localhost/shop/"));
        forms.installs = new StoreInstalls();
        forms.installs.controlPanel = controlPanel;
        forms.installs.stores = stores;
        forms.installs.authCallbackUrl = Optional.of("http://127.0.0.1:8080/backoffice/api/bigcommerce/auth");
        stores.installed.add("store-abc123");
    }

    @Test
    void installAndUninstallWithoutTheSessionsTokenAskTheControlPanelNothing() {
        String own = FormGuard.tokenOf(session);
        String anotherSessions = FormGuard.tokenOf(proxy(HttpSession.class, (name, args) -> null));
        forms.request = request(session);
        for (String forged : new String[] {null, "", "not-the-session-token", anotherSessions, own + "x", own.substring(1)}) {
            assertEquals(403, forms.install(forged).getStatus(), String.valueOf(forged));
            assertEquals(403, forms.uninstall(forged, "abc123").getStatus(), String.valueOf(forged));
        }
        forms.request = request(null); // a cross-site POST from a browser that never opened the page
        assertEquals(403, forms.install(own).getStatus());
        assertEquals(403, forms.uninstall(own, "abc123").getStatus());
        assertEquals(List.of(), controlPanel.asked);
        assertEquals(1, attributes.size(), "only the form token is in the session: " + attributes.keySet());
    }

    @Test
    void anInstallSendsTheBrowserToTheAuthCallbackAndThePageThenNamesTheStore() {
        forms.request = request(session);
        Response sent = forms.install(FormGuard.tokenOf(session));
        assertEquals(303, sent.getStatus());
        assertEquals(controlPanel.installRedirect, sent.getLocation());
        assertEquals("no-referrer", sent.getHeaderString("Referrer-Policy"));
        assertEquals("new1store", PendingInstall.takeFrom(session).storeHash());
    }

    @Test
    void anUninstallComesBackToThePageWithWhatItDid() {
        forms.request = request(session);
        controlPanel.uninstallCallback = () -> {
            stores.installed.remove("store-abc123");
            return 200;
        };
        Response back = forms.uninstall(FormGuard.tokenOf(session), " abc123 ");
        assertEquals(303, back.getStatus());
        assertEquals(URI.create("http://localhost/shop/"), back.getLocation());
        Flash flash = Flash.takeFrom(session, Flash.Section.STORES);
        assertTrue(flash.ok(), flash.headline());
        assertEquals(null, Flash.takeFrom(session), "told in the onboarding section too");
    }

    private static HttpServletRequest request(HttpSession session) {
        return proxy(HttpServletRequest.class, (name, args) -> switch (name) {
            case "getSession" -> session;
            case "getContextPath" -> "/shop";
            default -> throw new UnsupportedOperationException(name);
        });
    }

    private interface Answer {
        Object answer(String method, Object[] args);
    }

    private static <T> T proxy(Class<T> type, Answer answer) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (self, method, args) -> answer.answer(method.getName(), args)));
    }
}
