package dev.tollgate.engine.fake;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.atomic.AtomicInteger;

/** Another host, which must never receive a tenant's credentials: counts whatever reaches it. */
@Path("/")
public class ElsewhereHost {

    private final AtomicInteger requests = new AtomicInteger();

    public int requests() {
        return requests.get();
    }

    @GET
    @Path("{path: .*}")
    public Response any() {
        requests.incrementAndGet();
        return Response.ok("{}").build();
    }
}
