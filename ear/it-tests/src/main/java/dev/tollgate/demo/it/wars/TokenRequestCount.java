package dev.tollgate.demo.it.wars;

import dev.tollgate.testkit.http.RecordedRequest;
import dev.tollgate.testkit.http.RequestJournal;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The token requests the simulated authorization server received, as the vendor counts them. */
@Path("token-requests")
public class TokenRequestCount {

    private final RequestJournal journal;

    TokenRequestCount(RequestJournal journal) {
        this.journal = journal;
    }

    /** "{answered} {refused}": token requests answered with a token (200), and refused (any other status). */
    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String counts() {
        List<RecordedRequest> tokenRequests = journal.requests().stream()
                .filter(r -> r.path().endsWith("/oauth2/token")).toList();
        long answered = tokenRequests.stream().filter(r -> r.status() == 200).count();
        return answered + " " + (tokenRequests.size() - answered);
    }
}
