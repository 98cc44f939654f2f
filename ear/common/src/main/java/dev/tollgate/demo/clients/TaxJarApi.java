package dev.tollgate.demo.clients;

import dev.tollgate.api.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** TaxJar's product categories; one API token per merchant (tenant). */
@RegisterRestClient(configKey = "taxjar")
@Authenticated("taxjar")
@Produces(MediaType.APPLICATION_JSON)
public interface TaxJarApi {

    @GET
    @Path("categories")
    String categories();
}
