package dev.tollgate.demo.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.TenantCredentials;
import dev.tollgate.api.TenantDirectory;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.ws.rs.core.UriInfo;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Both forms refuse a POST without the session's own form token before anything is changed; the
 * browser test (OnboardingBrowserIT) forges only the save form.
 */
class MerchantFormsGuardTest {

    private final List<String> changed = new ArrayList<>();
    private final Map<String, Object> attributes = new HashMap<>();
    private final HttpSession session = proxy(HttpSession.class, (name, args) -> switch (name) {
        case "getAttribute" -> attributes.get((String) args[0]);
        case "setAttribute" -> attributes.put((String) args[0], args[1]);
        case "removeAttribute" -> attributes.remove((String) args[0]);
        default -> throw new UnsupportedOperationException(name);
    });
    private final MerchantForms forms = new MerchantForms();

    MerchantFormsGuardTest() {
        TenantCredentials recording = new TenantCredentials() {
            @Override public String client() { return Onboarding.CLIENT; }
            @Override public void save(String tenant, Map<String, String> values) { changed.add("save " + tenant); }
            @Override public void saveUnverified(String tenant, Map<String, String> values) { changed.add("save " + tenant); }
            @Override public boolean remove(String tenant) { changed.add("remove " + tenant); return true; }
            @Override public Set<String> list() { return Set.of(); }
            @Override public Map<String, String> masked(String tenant) { return Map.of(); }
        };
        forms.uri = proxy(UriInfo.class, (name, args) -> URI.create("http://localhost/shop/"));
        forms.onboarding = new Onboarding();
        forms.onboarding.directory = new TenantDirectory() {
            @Override public TenantCredentials client(String client) { return recording; }
            @Override public int reencrypt() { return 0; }
        };
    }

    @Test
    void removeWithoutTheSessionsTokenChangesNothing() {
        String own = FormGuard.tokenOf(session);
        String anotherSessions = FormGuard.tokenOf(proxy(HttpSession.class, (name, args) -> null));
        forms.request = request(session);
        for (String forged : new String[] {null, "", "not-the-session-token", anotherSessions, own + "x", own.substring(1)}) {
            assertEquals(403, forms.remove(forged, "acme").getStatus(), String.valueOf(forged));
        }
        forms.request = request(null); // no session at all: a cross-site POST from a browser that never opened the page
        assertEquals(403, forms.remove(own, "acme").getStatus());
        assertTrue(changed.isEmpty(), changed.toString());
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
