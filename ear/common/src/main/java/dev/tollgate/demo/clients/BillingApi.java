package dev.tollgate.demo.clients;

import dev.tollgate.api.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** Any OAuth2 API (RFC 6749 client credentials): here the sandbox's billing resource. */
@RegisterRestClient(configKey = "billing")
@Authenticated("billing")
@Produces(MediaType.APPLICATION_JSON)
public interface BillingApi {

    @GET
    @Path("api/resource")
    String resource();
}
