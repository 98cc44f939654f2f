package dev.tollgate.demo.it.wars;

import dev.tollgate.api.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** A TaxJar client whose vendor accepts the connection and never answers (it.properties, StalledVendorIT). */
@RegisterRestClient(configKey = "stalled")
@Authenticated("stalled")
public interface StalledVendorApi {

    @GET
    @Path("categories")
    String categories();
}
