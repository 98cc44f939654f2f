package dev.tollgate.demo.it.wars;

import dev.tollgate.api.TenantCredentials;
import dev.tollgate.api.Tollgate;
import dev.tollgate.api.TollgateException;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.Map;

/**
 * The module where merchants onboard themselves: a merchant pastes its TaxJar API token, which is
 * verified and stored through Tollgate's API; the answer is what a page would tell the merchant.
 */
@Path("merchants")
public class OnboardingResource {

    private static TenantCredentials merchants() {
        return Tollgate.tenants("onboarded");
    }

    @POST
    @Path("{merchant}")
    public String save(@PathParam("merchant") String merchant, @FormParam("api-token") String token) {
        try {
            merchants().save(merchant, Map.of("api-token", token));
            return "saved";
        } catch (RuntimeException e) {
            return TollgateException.in(e).map(t -> "refused: " + t.getClass().getSimpleName() + ": " + t.getMessage())
                    .orElse("refused without Tollgate's exception: " + e);
        }
    }

    @DELETE
    @Path("{merchant}")
    public String remove(@PathParam("merchant") String merchant) {
        return merchants().remove(merchant) ? "removed" : "not stored";
    }

    /** The merchants, one a line. */
    @GET
    public String list() {
        return String.join("\n", merchants().list());
    }

    /** The merchant's values as a page shows them (secrets masked). */
    @GET
    @Path("{merchant}")
    public String masked(@PathParam("merchant") String merchant) {
        return merchants().masked(merchant).toString();
    }
}
