package dev.tollgate.demo.clients;

import dev.tollgate.api.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** Elastic Path Commerce Cloud products; a client-credentials Bearer token. */
@RegisterRestClient(configKey = "elasticpath")
@Authenticated("elasticpath")
@Produces(MediaType.APPLICATION_JSON)
public interface ElasticPathApi {

    @GET
    @Path("v2/products")
    String products();
}
