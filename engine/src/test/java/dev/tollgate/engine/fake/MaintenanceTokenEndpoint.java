package dev.tollgate.engine.fake;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An authorization server down for planned maintenance, as such servers answer then: every token
 * request gets 503 with {@code Retry-After} (RFC 9110 §10.2.3) and a JSON error body.
 */
@Path("/maintenance")
public class MaintenanceTokenEndpoint {

    private final int retryAfterSeconds;
    private final AtomicInteger requests = new AtomicInteger();

    public MaintenanceTokenEndpoint(int retryAfterSeconds) {
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int requests() {
        return requests.get();
    }

    @POST
    @Path("token")
    public Response token() {
        requests.incrementAndGet();
        return Response.status(503).header("Retry-After", String.valueOf(retryAfterSeconds)).type(MediaType.APPLICATION_JSON_TYPE)
                .entity("{\"error\":\"temporarily_unavailable\",\"error_description\":\"Down for maintenance\"}").build();
    }
}
