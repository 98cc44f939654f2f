package dev.tollgate.demo.sandbox;

import dev.tollgate.testkit.simulator.bigcommerce.BigCommerceSimulator;
import dev.tollgate.testkit.simulator.elasticpath.ElasticPathSimulator;
import dev.tollgate.testkit.simulator.oauth2.OAuth2Simulator;
import dev.tollgate.testkit.simulator.sila.SilaSimulator;
import dev.tollgate.testkit.simulator.taxizer.TaxizerSimulator;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The vendors' side of the story since deployment: how many token requests each has answered, and
 * how many requests each refused for their credential.
 */
@Path("/stats")
public class SandboxStats {

    private final SilaSimulator sila;
    private final ElasticPathSimulator elasticPath;
    private final OAuth2Simulator oauth2;
    private final TaxizerSimulator taxizer;
    private final BigCommerceSimulator bigCommerce;
    private final RefusedCredentials refused;

    SandboxStats(SilaSimulator sila, ElasticPathSimulator elasticPath, OAuth2Simulator oauth2, TaxizerSimulator taxizer,
                 BigCommerceSimulator bigCommerce, RefusedCredentials refused) {
        this.sila = sila;
        this.elasticPath = elasticPath;
        this.oauth2 = oauth2;
        this.taxizer = taxizer;
        this.bigCommerce = bigCommerce;
        this.refused = refused;
    }

    /** Token requests per vendor (Taxizer: Connect and refresh calls together). */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Integer> tokenRequests() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("sila", sila.tokenRequests());
        counts.put("elasticpath", elasticPath.tokenRequests());
        counts.put("oauth2", oauth2.tokenRequests());
        counts.put("taxizer", taxizer.connects() + taxizer.refreshes());
        counts.put("bigcommerce-storefront", bigCommerce.tokenRequests());
        return counts;
    }

    /** Requests refused for their credential (401, 403) per vendor; a vendor without any is absent. */
    @GET
    @Path("refused")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Long> refusedCredentials() {
        return refused.counts();
    }
}
