package dev.tollgate.demo.it.wars;

import dev.tollgate.api.Tollgate;
import dev.tollgate.api.TollgateException;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** Lists a store's products as its tenant and answers with what the application would see. */
@Path("products/{tenant}/{hash}")
public class StoreCatalogResource {

    @Inject @RestClient StoreCatalogApi catalog;

    @GET
    public String products(@PathParam("tenant") String tenant, @PathParam("hash") String hash) {
        try {
            return "answer: " + Tollgate.withTenant(tenant, () -> catalog.products(hash));
        } catch (RuntimeException e) {
            return TollgateException.in(e).map(t -> "error: " + t.getClass().getSimpleName() + ": " + t.getMessage())
                    .orElse("error without Tollgate's exception: " + e);
        }
    }
}
