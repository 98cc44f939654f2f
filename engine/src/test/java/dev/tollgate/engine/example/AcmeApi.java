package dev.tollgate.engine.example;

import dev.tollgate.testkit.http.RequestJournal;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Set;

/** An API that takes {@code Authorization: Bearer <key>} for the keys it issued and answers 401 to others. */
@Path("/v1")
public class AcmeApi {

    private final RequestJournal journal;
    private final Set<String> issuedKeys;

    public AcmeApi(RequestJournal journal, Set<String> issuedKeys) {
        this.journal = journal;
        this.issuedKeys = issuedKeys;
    }

    @GET
    @Path("orders")
    public Response orders(@Context HttpHeaders headers, @Context UriInfo uri) {
        String authorization = headers.getHeaderString("Authorization");
        boolean known = authorization != null && authorization.startsWith("Bearer ")
                && issuedKeys.contains(authorization.substring("Bearer ".length()));
        journal.record("GET", uri.getPath(), headers, known ? 200 : 401);
        return known ? Response.ok("[]").build()
                : Response.status(401).entity("{\"error\":\"invalid API key\"}").build();
    }
}
