package dev.tollgate.demo.it.cluster.app;

import dev.tollgate.engine.cdi.EngineBean;
import dev.tollgate.engine.observe.Measurement;
import dev.tollgate.engine.observe.Metric;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * What this node's engine tells its operators of one client, as the readiness check and the
 * metrics show it: {@code GET observations/<client>} answers four lines,
 * {@code token-requests=<succeeded>}, {@code adopted=<taken from the cluster>},
 * {@code cached=<credentials in its cache now>} and {@code cache=<the readiness report's cache>}.
 */
@Path("observations/{client}")
@RequestScoped
public class ClusterObservations {

    @Inject
    EngineBean tollgate;

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String of(@PathParam("client") String client) {
        double requests = 0;
        double adopted = 0;
        double cached = 0;
        for (Measurement m : tollgate.engine().measurements()) {
            if (client.equals(m.tags().get("client"))) {
                if (m.metric() == Metric.TOKEN_REQUESTS && "succeeded".equals(m.tags().get("outcome"))) {
                    requests += m.value();
                } else if (m.metric() == Metric.CLUSTER_ADOPTED) {
                    adopted += m.value();
                } else if (m.metric() == Metric.CACHED_CREDENTIALS) {
                    cached += m.value();
                }
            }
        }
        return "token-requests=" + (long) requests + "\nadopted=" + (long) adopted + "\ncached=" + (long) cached
                + "\ncache=" + tollgate.engine().health().cache() + "\n";
    }
}
