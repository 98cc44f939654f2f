package dev.tollgate.demo.shop;

import dev.tollgate.demo.clients.CallOutcome;
import dev.tollgate.engine.CacheEntry;
import dev.tollgate.engine.cdi.EngineBean;
import dev.tollgate.engine.observe.HealthReport;
import dev.tollgate.engine.observe.Measurement;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The demo's data as JSON, for scripts and the in-server tests. */
@Path("api")
@Produces(MediaType.APPLICATION_JSON)
public class CallsResource {

    @Inject ProviderCalls calls;
    @Inject EngineBean tollgate;

    /** Calls every vendor once and says how each call went. */
    @GET
    @Path("calls")
    public List<CallOutcome> calls() {
        return calls.callAll();
    }

    /** What the application's one credential cache holds (masked), shared by every web module. */
    @GET
    @Path("cache")
    public List<CacheEntry> cache() {
        return tollgate.engine().cache().entries();
    }

    /** The readiness report the page's health box and the server's {@code tollgate} check show. */
    @GET
    @Path("health")
    public HealthReport health() {
        return tollgate.engine().health();
    }

    /** The same as text: "UP", or "DOWN" and a line per problem ({@code ear/run-demo.sh --status} prints it). */
    @GET
    @Path("health")
    @Produces(MediaType.TEXT_PLAIN)
    public String healthText() {
        return ProblemText.of(tollgate.engine().health());
    }

    /** Every metric series as the engine counts it. */
    @GET
    @Path("metrics")
    public List<Measurement> metrics() {
        return tollgate.engine().measurements();
    }
}
