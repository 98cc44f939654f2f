package dev.tollgate.demo.it.wars;

import dev.tollgate.api.Tollgate;
import dev.tollgate.api.TollgateException;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The module that uses the merchants another module onboards: one TaxJar call as the merchant,
 * answered with what the application would see, TaxJar's answer or Tollgate's error.
 */
@Path("orders/{merchant}")
public class OrdersResource {

    @Inject @RestClient OnboardedTaxJarApi taxJar;

    @GET
    public String categories(@PathParam("merchant") String merchant) {
        try {
            return "answer: " + Tollgate.withTenant(merchant, () -> taxJar.categories());
        } catch (RuntimeException e) {
            return TollgateException.in(e).map(t -> "error: " + t.getClass().getSimpleName() + ": " + t.getMessage())
                    .orElse("error without Tollgate's exception: " + e);
        }
    }
}
