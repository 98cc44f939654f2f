package dev.tollgate.demo.clients;

import dev.tollgate.api.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** Sila's handle check; a Bearer access token from Sila's auth_token endpoint. */
@RegisterRestClient(configKey = "sila")
@Authenticated("sila")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface SilaApi {

    /** {@code body}: a JSON object with Sila's {@code header} (created, app_handle, user_handle, ...). */
    @POST
    @Path("check_handle")
    String checkHandle(String body);
}
