package dev.tollgate.demo.it.datagrid;

import dev.tollgate.engine.cluster.SharedMap;
import dev.tollgate.engine.cluster.SharedMapProvider;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.util.Queue;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Tollgate's shared map as the engine finds it in a Payara node (the providers listed in
 * META-INF/services, the server's MicroProfile Config), over HTTP for DataGridIT.
 */
@Path("map")
@ApplicationScoped
@Produces(MediaType.TEXT_PLAIN)
public class DataGridResource {

    private static final Duration LIFESPAN = Duration.ofMinutes(2);

    private final Queue<String> heard = new ConcurrentLinkedQueue<>();
    private SharedMap map;

    private synchronized SharedMap map() {
        if (map == null) {
            for (SharedMapProvider provider : ServiceLoader.load(SharedMapProvider.class)) {
                map = provider.open(ConfigProvider.getConfig()).orElse(null);
                if (map != null) {
                    break;
                }
            }
            if (map == null) {
                throw new NotFoundException("no provider offered a shared map");
            }
        }
        return map;
    }

    @PreDestroy
    synchronized void close() {
        if (map != null) {
            map.close();
        }
    }

    @GET
    @Path("describe")
    public String describe() {
        return map().describe();
    }

    @GET
    @Path("entries/{key}")
    public String get(@PathParam("key") String key) {
        String value = map().get(key);
        if (value == null) {
            throw new NotFoundException();
        }
        return value;
    }

    @PUT
    @Path("entries/{key}")
    public void put(@PathParam("key") String key, String value) {
        map().put(key, value, LIFESPAN);
    }

    @POST
    @Path("markers/{key}")
    public String putIfAbsent(@PathParam("key") String key, String value) {
        return map().putIfAbsent(key, value, LIFESPAN) ? "won" : "lost";
    }

    @DELETE
    @Path("entries/{key}")
    public String remove(@PathParam("key") String key, @QueryParam("expected") String expected) {
        return map().remove(key, expected) ? "removed" : "kept";
    }

    @POST
    @Path("listen")
    public void listen() {
        map().listen((key, value) -> heard.add(key + "=" + value));
    }

    @GET
    @Path("heard")
    public String heard() {
        return String.join("\n", heard);
    }
}
