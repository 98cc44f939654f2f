package dev.tollgate.demo.it.wars;

import dev.tollgate.testkit.http.RecordedRequest;
import dev.tollgate.testkit.http.RequestJournal;
import dev.tollgate.testkit.simulator.taxjar.TaxJarAccounts;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * What the simulated TaxJar received, as a test asks it: how many requests, and as which merchant
 * the last one authenticated (TaxJar knows its merchants by their tokens), never a token itself.
 */
@Path("journal")
public class VendorJournal {

    private static final String BEARER = "Bearer ";

    private final RequestJournal journal;
    private final TaxJarAccounts accounts;

    VendorJournal(RequestJournal journal, TaxJarAccounts accounts) {
        this.journal = journal;
        this.accounts = accounts;
    }

    /** "{count} {merchant of the last request, or none}". */
    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String summary() {
        List<RecordedRequest> requests = journal.requests();
        String last = requests.isEmpty() ? "none" : requests.get(requests.size() - 1).header("Authorization")
                .filter(a -> a.startsWith(BEARER))
                .flatMap(a -> accounts.find(TaxJarAccounts.SANDBOX, a.substring(BEARER.length())))
                .map(TaxJarAccounts.Account::merchant)
                .orElse("unknown");
        return requests.size() + " " + last;
    }
}
