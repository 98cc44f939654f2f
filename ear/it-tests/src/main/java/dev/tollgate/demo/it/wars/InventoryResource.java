package dev.tollgate.demo.it.wars;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.rest.client.inject.RestClient;

@Path("inventory")
public class InventoryResource {

    @Inject @RestClient InventoryApi inventory;

    @GET
    public String items() {
        return inventory.items();
    }
}
