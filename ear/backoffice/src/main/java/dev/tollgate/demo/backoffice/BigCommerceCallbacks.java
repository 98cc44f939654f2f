package dev.tollgate.demo.backoffice;

import dev.tollgate.provider.bigcommerce.inbound.BigCommerceAuthenticationMechanism;
import dev.tollgate.provider.bigcommerce.inbound.SignedPayload;
import jakarta.json.Json;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/**
 * What BigCommerce calls. The mechanism has checked every request before it gets here; these
 * methods only say who it let in.
 */
@Path("bigcommerce")
@Produces(MediaType.APPLICATION_JSON)
public class BigCommerceCallbacks {

    /** The app's load callback: a store user opened the app in the BigCommerce control panel. */
    @GET
    @Path("load")
    public String load(@Context HttpServletRequest request, @Context SecurityContext security) {
        SignedPayload payload = (SignedPayload) request.getAttribute(BigCommerceAuthenticationMechanism.PAYLOAD_ATTRIBUTE);
        if (payload == null || security.getUserPrincipal() == null) {
            // the mechanism did not run for this path (callback-paths not configured): refuse
            throw new NotAuthorizedException("Bearer");
        }
        return Json.createObjectBuilder()
                .add("caller", security.getUserPrincipal().getName())
                .add("store", payload.storeHash())
                .build().toString();
    }

    /** A Tax Provider API call (estimate): BigCommerce's Basic credentials for the store. */
    @POST
    @Path("tax/estimate")
    public String estimate(@Context SecurityContext security) {
        if (security.getUserPrincipal() == null) {
            throw new NotAuthorizedException("Basic");
        }
        return Json.createObjectBuilder()
                .add("caller", security.getUserPrincipal().getName())
                .build().toString();
    }
}
