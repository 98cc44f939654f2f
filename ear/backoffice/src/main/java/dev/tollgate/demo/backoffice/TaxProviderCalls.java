package dev.tollgate.demo.backoffice;

import jakarta.json.Json;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/**
 * BigCommerce's Tax Provider API calls ({@code /backoffice/api/bigcommerce/tax/...}). A root
 * resource of its own, next to the app's callbacks ({@link StoreApp}): the mechanism has checked
 * the store's Basic credentials before a request gets here; this only says who it let in.
 */
@Path("bigcommerce/tax")
@Produces(MediaType.APPLICATION_JSON)
public class TaxProviderCalls {

    /** A Tax Provider API call (estimate): BigCommerce's Basic credentials for the store. */
    @POST
    @Path("estimate")
    public String estimate(@Context SecurityContext security) {
        if (security.getUserPrincipal() == null) {
            throw new NotAuthorizedException("Basic");
        }
        return Json.createObjectBuilder()
                .add("caller", security.getUserPrincipal().getName())
                .build().toString();
    }
}
