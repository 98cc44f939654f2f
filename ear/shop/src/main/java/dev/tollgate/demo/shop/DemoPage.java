package dev.tollgate.demo.shop;

import dev.tollgate.demo.clients.CallOutcome;
import dev.tollgate.engine.CacheEntry;
import dev.tollgate.engine.cdi.EngineBean;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The page a person opens: merchant onboarding first, then each vendor called now, then the cache
 * as it stands after the calls.
 */
@Path("/")
public class DemoPage {

    /** Where the vendor sandbox issues TaxJar API tokens; set by the demo's configuration, absent against real vendors. */
    static final String SANDBOX_SIGN_UP = "demo.taxjar.sandbox-sign-up";

    /** The page has no script and is framed nowhere; its forms post only to itself. */
    private static final String CONTENT_SECURITY_POLICY =
            "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    @Inject ProviderCalls calls;
    @Inject Onboarding onboarding;
    @Inject EngineBean tollgate;
    @Inject @ConfigProperty(name = SANDBOX_SIGN_UP) Optional<String> sandboxSignUp;
    @Context HttpServletRequest request;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response page() {
        HttpSession session = request.getSession(true);
        String section = OnboardingHtml.render(FormGuard.tokenOf(session), Flash.takeFrom(session),
                onboarding.merchants(), sandboxSignUp);
        List<CallOutcome> outcomes = calls.callAll();
        List<CacheEntry> cache = tollgate.engine().cache().entries();
        return Response.ok(DemoPageHtml.render(section, outcomes, cache, Instant.now()))
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("Cache-Control", "no-store") // it carries the session's form token
                .header("Referrer-Policy", "no-referrer")
                .build();
    }
}
