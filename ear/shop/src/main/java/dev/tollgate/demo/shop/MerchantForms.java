package dev.tollgate.demo.shop;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * The onboarding forms of the page: each checks the session's form token, does its work, leaves
 * a {@link Flash} and redirects to the page (303), so a reload never posts again.
 */
@Path("merchants")
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
public class MerchantForms {

    @Inject Onboarding onboarding;
    @Context HttpServletRequest request;
    @Context UriInfo uri;

    @POST
    public Response save(@FormParam(FormGuard.FIELD) String formToken, @FormParam("api-token") String apiToken,
                         @FormParam("merchant") String merchant) {
        HttpSession session = request.getSession(false);
        if (!FormGuard.accepts(session, formToken)) {
            return FormGuard.refused(request);
        }
        // a pasted token often brings a space or line break along; inside it, Tollgate refuses them
        onboarding.save(stripped(merchant), stripped(apiToken)).keepIn(session);
        return backToThePage();
    }

    @POST
    @Path("remove")
    public Response remove(@FormParam(FormGuard.FIELD) String formToken, @FormParam("merchant") String merchant) {
        HttpSession session = request.getSession(false);
        if (!FormGuard.accepts(session, formToken)) {
            return FormGuard.refused(request);
        }
        onboarding.remove(stripped(merchant)).keepIn(session);
        return backToThePage();
    }

    private Response backToThePage() {
        return Response.seeOther(uri.getBaseUri()).build();
    }

    private static String stripped(String value) {
        return value == null ? "" : value.strip();
    }
}
