package dev.tollgate.demo.shop;

import dev.tollgate.demo.clients.CallOutcome;
import dev.tollgate.engine.CacheEntry;
import dev.tollgate.engine.cdi.EngineBean;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;

/** The page a person opens: each vendor called now, then the cache as it stands after the calls. */
@Path("/")
public class DemoPage {

    @Inject ProviderCalls calls;
    @Inject EngineBean tollgate;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public String page() {
        List<CallOutcome> outcomes = calls.callAll();
        List<CacheEntry> cache = tollgate.engine().cache().entries();
        return DemoPageHtml.render(outcomes, cache, Instant.now());
    }
}
