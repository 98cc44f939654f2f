package dev.tollgate.demo.shop;

import dev.tollgate.demo.clients.CallOutcome;
import dev.tollgate.engine.CacheEntry;
import dev.tollgate.engine.TollgateEngine;
import dev.tollgate.engine.cdi.EngineBean;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The page a person opens: merchant onboarding first, then the stores that installed the BigCommerce
 * app, the readiness status, each vendor called now, the cache as it stands after the calls (and
 * what changed in it during them), and the engine's metrics.
 */
@Path("/")
public class DemoPage {

    /** Where the vendor sandbox issues TaxJar API tokens; set by the demo's configuration, absent against real vendors. */
    static final String SANDBOX_SIGN_UP = "demo.taxjar.sandbox-sign-up";

    /**
     * The page has no script and is framed nowhere; its forms post only to itself, and the install
     * form's redirect goes on to the app's auth callback only (browsers hold a form's redirects to
     * {@code form-action} too): its origin when it is not the page's.
     */
    static String contentSecurityPolicy(Optional<String> authCallbackOrigin) {
        return "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'" + authCallbackOrigin.map(o -> " " + o).orElse("")
                + "; frame-ancestors 'none'; base-uri 'none'";
    }

    @Inject ProviderCalls calls;
    @Inject Onboarding onboarding;
    @Inject AppStores stores;
    @Inject StoreInstalls installs;
    @Inject ControlPanel controlPanel;
    @Inject EngineBean tollgate;
    @Inject @ConfigProperty(name = SANDBOX_SIGN_UP) Optional<String> sandboxSignUp;
    @Context HttpServletRequest request;

    /** @param watch present ({@code ?watch}): the page reloads itself every few seconds */
    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response page(@QueryParam("watch") String watch) {
        HttpSession session = request.getSession(true);
        String formToken = FormGuard.tokenOf(session);
        String sections = OnboardingHtml.render(formToken, Flash.takeFrom(session), onboarding.merchants(), sandboxSignUp)
                + AppStoresHtml.render(formToken, storesFlash(session), stores.stores(), controlPanel.available());
        TollgateEngine engine = tollgate.engine();
        // the cache before and after the calls: a stale token renewed in the background meanwhile shows as such
        Instant callsBegan = Instant.now();
        List<CacheEntry> before = engine.cache().entries();
        List<CallOutcome> outcomes = calls.callAll();
        List<CacheRow> cache = CacheRow.of(before, engine.cache().entries());
        Instant now = Instant.now();
        String html = DemoPageHtml.render(sections, outcomes, cache, EngineObservations.of(engine), callsBegan, now, watch != null);
        return Response.ok(html)
                .header("Content-Security-Policy", contentSecurityPolicy(installs.authCallbackOrigin()))
                .header("Cache-Control", "no-store") // it carries the session's form token
                .header("Referrer-Policy", "no-referrer")
                .build();
    }

    /** What the last install or uninstall did: an install the browser is back from is told as the tenant store has it. */
    private Flash storesFlash(HttpSession session) {
        Flash flash = Flash.takeFrom(session, Flash.Section.STORES);
        PendingInstall pending = PendingInstall.takeFrom(session);
        return pending == null ? flash : installs.installed(pending.storeHash());
    }
}
