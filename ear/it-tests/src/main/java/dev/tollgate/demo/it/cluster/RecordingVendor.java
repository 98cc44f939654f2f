package dev.tollgate.demo.it.cluster;

import dev.tollgate.demo.it.cluster.app.ClusterCalls;
import dev.tollgate.testkit.http.RequestJournal;
import dev.tollgate.testkit.simulator.oauth2.OAuth2Clients;
import dev.tollgate.testkit.simulator.oauth2.OAuth2Simulator;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.io.StringReader;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One case's vendor: the test kit's OAuth2 authorization server and API (unchanged: its tokens,
 * expiries, rotations and errors) with one registered client, and what it saw, as the vendor
 * would know it: each token it issued (access and refresh), and for each API call the calling
 * node's header, the bearer token and the answer's status.
 */
public final class RecordingVendor {

    /** One API call as the vendor saw it. */
    public record ApiCall(String node, String bearer, int status) {
    }

    private final OAuth2Simulator simulator;
    private final List<String> issued = new CopyOnWriteArrayList<>();
    private final List<ApiCall> apiCalls = new CopyOnWriteArrayList<>();
    private final List<Long> tokenRequestArrivals = new CopyOnWriteArrayList<>();

    RecordingVendor(String clientId, String clientSecret, Duration tokenLifetime, boolean refreshTokens) {
        OAuth2Clients clients = new OAuth2Clients().add(new OAuth2Clients.Client(clientId, clientSecret,
                OAuth2Clients.AuthMethod.CLIENT_SECRET_BASIC, Set.of("cluster:read"), tokenLifetime, refreshTokens,
                refreshTokens));
        simulator = new OAuth2Simulator(clients, Clock.systemUTC(), new RequestJournal());
    }

    /** The simulator: its counts, faults (a held token request) and revocations. */
    public OAuth2Simulator simulator() {
        return simulator;
    }

    /** Every access and refresh token issued so far. */
    public List<String> issued() {
        return List.copyOf(issued);
    }

    /** The access tokens issued so far, in order. */
    public List<String> issuedAccessTokens() {
        return issued.stream().filter(t -> t.startsWith("access:")).map(t -> t.substring(7)).toList();
    }

    /** Every access and refresh token issued so far, without their kind. */
    public List<String> issuedTokens() {
        return issued.stream().map(t -> t.substring(t.indexOf(':') + 1)).toList();
    }

    public List<ApiCall> apiCalls() {
        return List.copyOf(apiCalls);
    }

    /** Token requests answered with a token. */
    public int tokensIssued() {
        return issuedAccessTokens().size();
    }

    /** When each token request arrived ({@link System#nanoTime()}), answered or not yet. */
    public List<Long> tokenRequestArrivals() {
        return List.copyOf(tokenRequestArrivals);
    }

    @POST
    @Path("token")
    public Response token(String body, @Context HttpHeaders headers, @Context UriInfo uri, @Context SecurityContext security) {
        tokenRequestArrivals.add(System.nanoTime());
        Response response = simulator.token(body, headers, uri, security);
        if (response.getStatus() == 200 && response.getEntity() instanceof String json) {
            try (JsonReader reader = Json.createReader(new StringReader(json))) {
                JsonObject answer = reader.readObject();
                issued.add("access:" + answer.getString("access_token"));
                if (answer.containsKey("refresh_token")) {
                    issued.add("refresh:" + answer.getString("refresh_token"));
                }
            }
        }
        return response;
    }

    @GET
    @Path("api/resource")
    public Response resource(@Context HttpHeaders headers, @Context UriInfo uri, @Context SecurityContext security) {
        Response response = simulator.resource(headers, uri, security);
        String authorization = headers.getHeaderString(HttpHeaders.AUTHORIZATION);
        String bearer = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).trim() : null;
        apiCalls.add(new ApiCall(headers.getHeaderString(ClusterCalls.NODE_HEADER), bearer, response.getStatus()));
        return response;
    }
}
