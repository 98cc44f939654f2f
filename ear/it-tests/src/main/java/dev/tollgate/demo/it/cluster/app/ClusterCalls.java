package dev.tollgate.demo.it.cluster.app;

import dev.tollgate.api.Tollgate;
import dev.tollgate.api.TollgateException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * One call of the cluster tests' API as the named Tollgate client, from the node the test asked:
 * {@code GET call/<client>?node=node1}. The call carries the node's name in a header of its own,
 * so that the vendor records which node presented which token. Answers {@code 200 <status> <body>}
 * with the API's answer, or 502 with Tollgate's exception when the call could not be made.
 */
@Path("call/{client}")
public class ClusterCalls {

    /** The header naming the calling node, recorded by the test's vendor. */
    public static final String NODE_HEADER = "X-Tollgate-Node";

    // one HTTP client per Tollgate client, kept: Tollgate's filter is per call
    private static final Map<String, Client> CLIENTS = new ConcurrentHashMap<>();

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public Response call(@PathParam("client") String client, @QueryParam("node") String node) {
        String base = ConfigProvider.getConfig().getValue("tollgate." + client + ".base-url", String.class);
        Client http = CLIENTS.computeIfAbsent(client, c -> ClientBuilder.newBuilder()
                .connectTimeout(5, TimeUnit.SECONDS).readTimeout(60, TimeUnit.SECONDS).build()
                .register(Tollgate.feature(c)));
        try (Response answer = http.target(base).path("api/resource").request().header(NODE_HEADER, node).get()) {
            return Response.ok(answer.getStatus() + " " + answer.readEntity(String.class)).build();
        } catch (RuntimeException e) {
            return Response.status(502).entity(TollgateException.in(e)
                    .map(t -> t.getClass().getSimpleName() + ": " + t.getMessage())
                    .orElse("no Tollgate exception: " + chain(e))).build();
        }
    }

    /** The exception's classes and messages, causes included: what went wrong where Tollgate did not say. */
    private static String chain(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null && text.length() < 2000; t = t.getCause()) {
            StackTraceElement[] at = t.getStackTrace();
            text.append(t.getClass().getName()).append(": ").append(t.getMessage())
                    .append(at.length > 0 ? " at " + at[0] : "").append(" / ");
        }
        return text.toString();
    }
}
