package dev.tollgate.demo.it.wars;

import dev.tollgate.api.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The server's BigCommerce client (demo.properties), called from a module without the inbound jar. */
@RegisterRestClient(configKey = "bigcommerce")
@Authenticated("bigcommerce")
public interface StoreCatalogApi {

    @GET
    @Path("stores/{hash}/v3/catalog/products")
    String products(@PathParam("hash") String storeHash);
}
