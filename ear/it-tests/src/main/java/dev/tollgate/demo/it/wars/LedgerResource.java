package dev.tollgate.demo.it.wars;

import dev.tollgate.api.TollgateException;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** Calls the ledger and answers with what the application would see: the answer or Tollgate's error. */
@Path("ledger")
public class LedgerResource {

    @Inject @RestClient LedgerApi ledger;

    @GET
    public String resource() {
        try {
            return "answer: " + ledger.resource();
        } catch (RuntimeException e) {
            return TollgateException.in(e).map(t -> "error: " + t.getClass().getSimpleName() + ": " + t.getMessage())
                    .orElse("error without Tollgate's exception: " + e);
        }
    }
}
