package dev.tollgate.demo.clients;

import dev.tollgate.api.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** Taxizer products; a JWT from Connect, renewed with the rotating app refresh token. */
@RegisterRestClient(configKey = "taxizer")
@Authenticated("taxizer")
@Produces(MediaType.APPLICATION_JSON)
public interface TaxizerApi {

    @GET
    @Path("v1/Products")
    String products();
}
