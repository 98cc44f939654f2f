package dev.tollgate.demo.clients;

import dev.tollgate.api.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** BigCommerce's catalog (REST Management API); the store's X-Auth-Token. */
@RegisterRestClient(configKey = "bigcommerce")
@Authenticated("bigcommerce")
@Produces(MediaType.APPLICATION_JSON)
public interface BigCommerceCatalogApi {

    @GET
    @Path("stores/{hash}/v3/catalog/products")
    String products(@PathParam("hash") String storeHash);
}
