package dev.tollgate.engine.fake;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A vendor API at {@code /unreliable/{mode}/v2/} that fails the ways real hosts do, for every
 * path: {@code down} (503), {@code limited} (429 with Retry-After), {@code portal} (200 with an
 * HTML page, as a proxy or captive portal answers), {@code hop} (302 to another host),
 * {@code trickle} (200, then a blank every 100 ms until {@link #stopTrickling()}, at most 60 s),
 * {@code wrongenv} (403 refusing the token itself), {@code echo} (401 whose explanation quotes the Authorization header it got, as careless APIs do),
 * {@code ramble} (401 whose explanation is its stack trace: some 50 KB over hundreds of lines).
 */
@Path("/unreliable/{mode}/v2")
public class UnreliableVendor {

    private final URI elsewhere;
    private final AtomicInteger requests = new AtomicInteger();
    private final CountDownLatch stop = new CountDownLatch(1);

    public UnreliableVendor(URI elsewhere) {
        this.elsewhere = elsewhere;
    }

    public int requests() {
        return requests.get();
    }

    public void stopTrickling() {
        stop.countDown();
    }

    @GET
    @Path("{path: .*}")
    public Response any(@PathParam("mode") String mode, @Context HttpHeaders headers) {
        requests.incrementAndGet();
        return switch (mode) {
            case "down" -> json(503, "{\"error\":\"Service Unavailable\",\"detail\":\"Down for maintenance\",\"status\":503}");
            case "limited" -> Response.status(429).header("Retry-After", "30").type(MediaType.APPLICATION_JSON_TYPE)
                    .entity("{\"error\":\"Too Many Requests\",\"detail\":\"Slow down\",\"status\":429}").build();
            case "portal" -> Response.ok("<html><body>Please log in to the hotel network</body></html>", MediaType.TEXT_HTML_TYPE).build();
            case "hop" -> Response.status(302).location(elsewhere).build();
            case "blank" -> Response.noContent().build(); // a maintenance proxy that answers everything with nothing
            case "trickle" -> Response.ok((StreamingOutput) out -> {
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                // past the server's response buffer, so that the status and headers leave at once
                out.write(("{" + " ".repeat(16 * 1024)).getBytes(StandardCharsets.US_ASCII));
                out.flush();
                try {
                    while (!stop.await(100, TimeUnit.MILLISECONDS) && System.nanoTime() < end) {
                        out.write(' ');
                        out.flush();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, MediaType.APPLICATION_JSON_TYPE).build();
            case "wrongenv" -> json(403, "{\"error\":\"Forbidden\",\"detail\":\"This token belongs to the other environment\",\"status\":403}");
            case "echo" -> json(401, "{\"error\":\"Unauthorized\",\"detail\":\"Refused " + String.valueOf(
                    headers.getHeaderString(HttpHeaders.AUTHORIZATION)).replace("\"", "") + "\",\"status\":401}");
            case "ramble" -> json(401, "{\"error\":\"Unauthorized\",\"detail\":\"Unauthorized.\n"
                    + "\tat com.vendor.auth.TokenCheck.verify(TokenCheck.java:42)\r\n".repeat(800) + "\",\"status\":401}");
            default -> json(404, "{\"error\":\"Not Found\",\"status\":404}");
        };
    }

    private static Response json(int status, String body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(body.getBytes(StandardCharsets.UTF_8)).build();
    }
}
