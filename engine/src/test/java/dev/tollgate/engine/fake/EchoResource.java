package dev.tollgate.engine.fake;

import dev.tollgate.testkit.http.RequestJournal;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * An API for the static-header provider: answers 200 to the token it was given and 401 to any
 * other, and records what arrived.
 */
@Path("/api")
public class EchoResource {

    private final RequestJournal journal;
    private volatile String acceptedToken;

    public EchoResource(RequestJournal journal, String acceptedToken) {
        this.journal = journal;
        this.acceptedToken = acceptedToken;
    }

    public void accept(String token) {
        this.acceptedToken = token;
    }

    @GET
    @Path("{path: .*}")
    public Response any(@PathParam("path") String path, @Context HttpHeaders headers, @Context UriInfo uri) {
        String token = headers.getHeaderString("X-Static-Token");
        int status = path.startsWith("public/") || acceptedToken.equals(token) ? 200 : 401;
        journal.record("GET", uri.getPath(), headers, status);
        // like some real APIs, the error quotes the token it refused; under quoted-short/, cut short
        String quoted = token != null && path.startsWith("quoted-short/") ? token.substring(0, token.length() - 3) : token;
        return Response.status(status).entity(status == 200 ? "ok" : "bad token " + quoted).build();
    }
}
