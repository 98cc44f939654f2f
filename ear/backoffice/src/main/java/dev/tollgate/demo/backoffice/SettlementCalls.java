package dev.tollgate.demo.backoffice;

import dev.tollgate.demo.clients.BillingApi;
import dev.tollgate.demo.clients.CallOutcome;
import dev.tollgate.demo.clients.ElasticPathApi;
import dev.tollgate.demo.clients.TaxJarApi;
import dev.tollgate.demo.clients.TaxizerApi;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The back office's own calls to vendors the shop also calls: its own Rest Client proxies, the
 * application's one token cache, so no second token request.
 */
@Path("calls")
@Produces(MediaType.APPLICATION_JSON)
public class SettlementCalls {

    @Inject @RestClient TaxJarApi taxJar;
    @Inject @RestClient ElasticPathApi elasticPath;
    @Inject @RestClient TaxizerApi taxizer;
    @Inject @RestClient BillingApi billing;

    @GET
    public List<CallOutcome> callAll() {
        return List.of(
                CallOutcome.attempt("TaxJar", "taxjar", "acme", taxJar::categories),
                CallOutcome.attempt("Elastic Path", "elasticpath", "", elasticPath::products),
                CallOutcome.attempt("Taxizer", "taxizer", "", taxizer::products),
                CallOutcome.attempt("OAuth2 (billing)", "billing", "", billing::resource));
    }
}
