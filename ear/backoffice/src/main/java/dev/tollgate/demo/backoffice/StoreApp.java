package dev.tollgate.demo.backoffice;

import dev.tollgate.provider.bigcommerce.inbound.BigCommerceAppCallbacks;
import dev.tollgate.provider.bigcommerce.inbound.InstalledStore;
import dev.tollgate.provider.bigcommerce.inbound.SignedPayload;
import jakarta.json.Json;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;

/**
 * The demo as a BigCommerce app installed in many stores: Tollgate's handler answers the four
 * callbacks BigCommerce calls, {@code /backoffice/api/bigcommerce/auth}, {@code load},
 * {@code uninstall} and {@code remove_user} (the URLs registered for the app; in the demo, with the
 * sandbox playing BigCommerce). Each installed store becomes tenant {@code store-<hash>} of client
 * {@code bigcommerce}, which every web module of the EAR can call at once.
 */
@Path("bigcommerce")
public class StoreApp extends BigCommerceAppCallbacks {

    /** Where the merchant's browser goes once the app is installed: the demo page, which lists the store. */
    static final String DEMO_PAGE = "/shop/";

    @Context SecurityContext security;
    @Context UriInfo uri;

    public StoreApp() {
        super("bigcommerce");
    }

    /** BigCommerce sent the merchant's browser here: show them the demo page, now with their store. */
    @Override
    protected Response installed(InstalledStore store) {
        return Response.seeOther(uri.getBaseUriBuilder().replacePath(DEMO_PAGE).build()).build();
    }

    /** A store user opened the app in the control panel: who the inbound mechanism let in, and for which store. */
    @Override
    protected Response loaded(SignedPayload payload) {
        if (security.getUserPrincipal() == null) {
            // the mechanism did not run for this path (load missing from callback-paths): refuse
            throw new NotAuthorizedException("Bearer");
        }
        return Response.ok(Json.createObjectBuilder()
                .add("caller", security.getUserPrincipal().getName())
                .add("store", payload.storeHash())
                .build().toString(), MediaType.APPLICATION_JSON_TYPE).build();
    }
}
