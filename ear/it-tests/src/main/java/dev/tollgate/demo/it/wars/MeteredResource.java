package dev.tollgate.demo.it.wars;

import dev.tollgate.api.TenantCredentials;
import dev.tollgate.api.Tollgate;
import dev.tollgate.api.TollgateException;
import jakarta.inject.Inject;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * A merchant's OAuth2 client registration, stored as the merchant typed it (unverified: a typo
 * reaches the vendor on the first call), and one call to the API as that merchant.
 */
@Path("merchants/{merchant}")
public class MeteredResource {

    @Inject @RestClient MeteredApi api;

    private static TenantCredentials merchants() {
        return Tollgate.tenants("metered");
    }

    @POST
    public String save(@PathParam("merchant") String merchant, @FormParam("client-id") String clientId,
                       @FormParam("client-secret") String clientSecret) {
        merchants().saveUnverified(merchant, Map.of("client-id", clientId, "client-secret", clientSecret));
        return "saved";
    }

    @GET
    @Path("call")
    public String call(@PathParam("merchant") String merchant) {
        try {
            return "answer: " + Tollgate.withTenant(merchant, () -> api.resource());
        } catch (RuntimeException e) {
            return TollgateException.in(e).map(t -> "error: " + t.getClass().getSimpleName() + ": " + t.getMessage())
                    .orElse("error without Tollgate's exception: " + e);
        }
    }
}
