package dev.tollgate.demo.it.wars;

import dev.tollgate.api.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** An OAuth2 API whose merchants bring their own client registration (tenant-store=database, it.properties). */
@RegisterRestClient(configKey = "metered")
@Authenticated("metered")
public interface MeteredApi {

    @GET
    @Path("api/resource")
    String resource();
}
