package dev.tollgate.demo.it.wars;

import dev.tollgate.testkit.http.RecordedRequest;
import dev.tollgate.testkit.http.RequestJournal;
import dev.tollgate.testkit.simulator.oauth2.OAuth2Clients.AuthMethod;
import dev.tollgate.testkit.simulator.oauth2.OAuth2Simulator;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** The token requests the simulated authorization server received, as the vendor counts them. */
@Path("token-requests")
public class TokenRequestCount {

    private static final Pattern TOKEN_PATH = Pattern.compile("(^|/)oauth2/token$");

    private final RequestJournal journal;
    private final OAuth2Simulator simulator;

    TokenRequestCount(RequestJournal journal, OAuth2Simulator simulator) {
        this.journal = journal;
        this.simulator = simulator;
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

    /**
     * The token requests whose client the server authenticated with {@code method} (as RFC 8414
     * names it: {@code client_secret_basic}, {@code private_key_jwt}, ...), whatever their grant's
     * outcome: for a {@code private_key_jwt} client, the assertions it verified.
     */
    @GET
    @Path("authenticated/{method}")
    @Produces(MediaType.TEXT_PLAIN)
    public String authenticated(@PathParam("method") String method) {
        AuthMethod known;
        try {
            known = AuthMethod.valueOf(method.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("no client authentication method " + method);
        }
        return String.valueOf(simulator.authentications(known));
    }
}
