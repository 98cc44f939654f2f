package dev.tollgate.demo.it.wars;

import dev.tollgate.testkit.http.RequestJournal;
import dev.tollgate.testkit.simulator.oauth2.OAuth2Clients;
import dev.tollgate.testkit.simulator.oauth2.OAuth2Simulator;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.time.Clock;
import java.util.Set;

/**
 * An OAuth2 authorization server and API (the test kit's simulator, its standard clients) as a
 * web module of its own, at {@code /it-oauth2/oauth2}, with {@code /it-oauth2/token-requests}: the
 * vendor's count of the token requests it answered and refused since deployment, and of those it
 * authenticated per client authentication method; and {@code /it-oauth2/clients/{client_id}}, where
 * an administrator registers a {@code private_key_jwt} client's certificate.
 */
@ApplicationPath("/")
public class OAuth2VendorApplication extends Application {

    private final Set<Object> resources;

    public OAuth2VendorApplication() {
        RequestJournal journal = new RequestJournal();
        OAuth2Clients clients = OAuth2Clients.standard();
        OAuth2Simulator simulator = new OAuth2Simulator(clients, Clock.systemUTC(), journal);
        resources = Set.of(simulator, new TokenRequestCount(journal, simulator), new ClientRegistrations(clients));
    }

    @Override
    @SuppressWarnings("deprecation") // singletons: the simulator's state must outlive a request
    public Set<Object> getSingletons() {
        return resources;
    }
}
