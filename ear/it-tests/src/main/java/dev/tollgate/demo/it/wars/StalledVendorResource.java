package dev.tollgate.demo.it.wars;

import dev.tollgate.demo.clients.CallOutcome;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** One call to the stalled vendor, recorded the way the demo page records each of its calls. */
@Path("calls")
@Produces(MediaType.APPLICATION_JSON)
public class StalledVendorResource {

    @Inject @RestClient StalledVendorApi vendor;

    @GET
    public List<CallOutcome> calls() {
        return List.of(CallOutcome.attempt("TaxJar (stalled)", "stalled", "", vendor::categories));
    }
}
