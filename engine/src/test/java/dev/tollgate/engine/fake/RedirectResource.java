package dev.tollgate.engine.fake;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/** An API call that answers with a redirect to another origin, as a compromised or misrouted API might. */
@Path("/hop")
public class RedirectResource {

    private final URI elsewhere;

    public RedirectResource(URI elsewhere) {
        this.elsewhere = elsewhere;
    }

    @GET
    public Response hop() {
        return Response.status(302).location(elsewhere).build();
    }
}
