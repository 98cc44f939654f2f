package dev.tollgate.demo.it.wars;

import dev.tollgate.api.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** Names a client nobody configured: the deployment must fail and say which key to set. */
@RegisterRestClient(configKey = "inventory")
@Authenticated("inventory")
public interface InventoryApi {

    @GET
    @Path("items")
    String items();
}
