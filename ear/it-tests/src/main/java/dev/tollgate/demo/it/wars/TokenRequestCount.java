package dev.tollgate.demo.it.wars;

import dev.tollgate.testkit.http.RecordedRequest;
import dev.tollgate.testkit.http.RequestJournal;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.regex.Pattern;

/** The token requests the simulated authorization server received, as the vendor counts them. */
@Path("token-requests")
public class TokenRequestCount {

    private static final Pattern TOKEN_PATH = Pattern.compile("(^|/)oauth2/token$");

    private final RequestJournal journal;

    TokenRequestCount(RequestJournal journal) {
        this.journal = journal;
    }

    /** "{answered} {refused}": token requests answered with a token (200), and refused (any other status). */
    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String counts() {
        // the journal holds the path as the server's UriInfo gives it: "/oauth2/token" in
        // WildFly, "oauth2/token" (relative to the application) in Payara
        List<RecordedRequest> tokenRequests = journal.requests().stream()
                .filter(r -> TOKEN_PATH.matcher(r.path()).find()).toList();
        long answered = tokenRequests.stream().filter(r -> r.status() == 200).count();
        return answered + " " + (tokenRequests.size() - answered);
    }
}
