package dev.tollgate.demo.sandbox;

import dev.tollgate.testkit.http.RecordedRequest;
import dev.tollgate.testkit.http.RequestJournal;
import dev.tollgate.testkit.simulator.bigcommerce.BigCommerceSimulator;
import dev.tollgate.testkit.simulator.elasticpath.ElasticPathSimulator;
import dev.tollgate.testkit.simulator.oauth2.OAuth2Simulator;
import dev.tollgate.testkit.simulator.sila.SilaSimulator;
import dev.tollgate.testkit.simulator.taxizer.TaxizerSimulator;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
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
    private final RequestJournal journal;

    SandboxStats(SilaSimulator sila, ElasticPathSimulator elasticPath, OAuth2Simulator oauth2, TaxizerSimulator taxizer,
                 BigCommerceSimulator bigCommerce, RefusedCredentials refused, RequestJournal journal) {
        this.sila = sila;
        this.elasticPath = elasticPath;
        this.oauth2 = oauth2;
        this.taxizer = taxizer;
        this.bigCommerce = bigCommerce;
        this.refused = refused;
        this.journal = journal;
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

    /**
     * The requests one BigCommerce store's API received (catalog, store information, tokens), and how
     * many of them it refused for their credential (401, 403): BigCommerce's view of one store.
     */
    @GET
    @Path("bigcommerce/stores/{hash}")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Long> bigCommerceStore(@PathParam("hash") String hash) {
        String prefix = "stores/" + hash + "/";
        List<RecordedRequest> requests = journal.requests().stream()
                .filter(r -> r.path().startsWith(prefix) || r.path().contains("/" + prefix)).toList();
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("requests", (long) requests.size());
        counts.put("refused", requests.stream().filter(r -> r.status() == 401 || r.status() == 403).count());
        return counts;
    }

    /** The code exchanges BigCommerce's login service received ({@code POST /oauth2/token}), answered or refused. */
    @GET
    @Path("bigcommerce/login")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Integer> bigCommerceLogins() {
        return Map.of("requests", bigCommerce.loginRequests());
    }
}
