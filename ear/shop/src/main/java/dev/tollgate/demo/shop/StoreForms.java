package dev.tollgate.demo.shop;

import dev.tollgate.demo.shop.ControlPanel.ControlPanelException;
import dev.tollgate.demo.shop.StoreInstalls.StartedInstall;
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
import java.util.List;

/**
 * The BigCommerce app's forms of the page: each checks the session's form token before anything
 * is asked of the control panel. Install sends the browser on to the app's auth callback, as
 * BigCommerce does, and the callback sends it back to the page; uninstall leaves a {@link Flash}
 * and redirects to the page (303).
 */
@Path("stores")
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
public class StoreForms {

    @Inject StoreInstalls installs;
    @Context HttpServletRequest request;
    @Context UriInfo uri;

    @POST
    @Path("install")
    public Response install(@FormParam(FormGuard.FIELD) String formToken) {
        HttpSession session = request.getSession(false);
        if (!FormGuard.accepts(session, formToken)) {
            return FormGuard.refused(request);
        }
        try {
            StartedInstall started = installs.start();
            new PendingInstall(started.storeHash()).keepIn(session);
            return Response.seeOther(started.browserGoesTo()).header("Referrer-Policy", "no-referrer").build();
        } catch (ControlPanelException e) {
            Flash.failure("", "The app was not installed.", List.of(e.getMessage())).keepIn(session, Flash.Section.STORES);
            return backToThePage();
        }
    }

    @POST
    @Path("uninstall")
    public Response uninstall(@FormParam(FormGuard.FIELD) String formToken, @FormParam("store") String storeHash) {
        HttpSession session = request.getSession(false);
        if (!FormGuard.accepts(session, formToken)) {
            return FormGuard.refused(request);
        }
        installs.uninstall(storeHash == null ? "" : storeHash.strip()).keepIn(session, Flash.Section.STORES);
        return backToThePage();
    }

    private Response backToThePage() {
        return Response.seeOther(uri.getBaseUri()).build();
    }
}
