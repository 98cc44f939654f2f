package dev.tollgate.demo.clients;

import dev.tollgate.api.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** BigCommerce's GraphQL Storefront API; a storefront token Tollgate creates with the store's X-Auth-Token. */
@RegisterRestClient(configKey = "bigcommerce-storefront")
@Authenticated("bigcommerce")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface BigCommerceStorefrontApi {

    @POST
    @Path("graphql")
    String graphql(String query);
}
