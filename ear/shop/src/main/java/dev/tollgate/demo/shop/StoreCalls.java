package dev.tollgate.demo.shop;

import dev.tollgate.demo.clients.BigCommerceCatalogApi;
import dev.tollgate.demo.clients.CallOutcome;
import dev.tollgate.provider.bigcommerce.inbound.BigCommerceApp;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * One call for a store that installed the demo as a BigCommerce app ({@code /shop/api/bigcommerce/stores/{hash}/products}):
 * the shop lists its products as the store's tenant, which the back office's auth callback saved.
 * For scripts and the in-server tests.
 */
@Path("api/bigcommerce/stores/{hash: [A-Za-z0-9]{1,64}}")
@Produces(MediaType.APPLICATION_JSON)
public class StoreCalls {

    @Inject @RestClient BigCommerceCatalogApi catalog;

    @GET
    @Path("products")
    public CallOutcome products(@PathParam("hash") String hash) {
        return CallOutcome.attempt("BigCommerce", "bigcommerce", BigCommerceApp.tenantOf(hash), () -> catalog.products(hash));
    }
}
