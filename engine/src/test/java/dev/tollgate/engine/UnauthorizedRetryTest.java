package dev.tollgate.engine;

import static dev.tollgate.testkit.simulator.oauth2.OAuth2Fixture.METRICS_CLIENT_ID;
import static dev.tollgate.testkit.simulator.oauth2.OAuth2Fixture.METRICS_CLIENT_SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.CredentialsRejectedException;
import dev.tollgate.engine.fake.ClientCredentialsProvider;
import dev.tollgate.engine.testing.EngineHarness;
import dev.tollgate.engine.testing.OAuth2Loopback;
import dev.tollgate.testkit.config.TestConfig;
import dev.tollgate.testkit.http.LoopbackServer;
import dev.tollgate.testkit.http.RequestJournal;
import dev.tollgate.testkit.simulator.oauth2.OAuth2Clients;
import dev.tollgate.testkit.simulator.oauth2.OAuth2Simulator;
import jakarta.ws.rs.client.Client;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A 401 from the API: invalidate the token that failed, repeat once, never loop. */
class UnauthorizedRetryTest {

    @RegisterExtension
    final EngineHarness harness = new EngineHarness();
    private final OAuth2Loopback oauth2 = harness.oauth2();

    /** Client {@code api} of the fake client-credentials provider, against the simulated authorization server. */
    private TestConfig config(String clientId, String clientSecret) {
        return oauth2.config(ClientCredentialsProvider.ID, clientId, clientSecret);
    }

    private Client client(TollgateEngine engine) {
        return harness.client(engine, OAuth2Loopback.CLIENT);
    }

    @Test
    void aRevokedTokenIsReplacedAndTheCallRepeatedOnceTransparently() {
        Client client = client(harness.engine(config(METRICS_CLIENT_ID, METRICS_CLIENT_SECRET)));
        assertEquals(200, oauth2.call(client));
        String first = oauth2.apiRequests().get(0).header("Authorization").orElseThrow();
        oauth2.simulator().revoke(first.substring("Bearer ".length()));

        assertEquals(200, oauth2.call(client), "the application saw the 401");
        assertEquals(3, oauth2.apiRequests().size(), "one call, one 401, one repeat");
        assertEquals(401, oauth2.apiRequests().get(1).status());
        assertNotEquals(first, oauth2.apiRequests().get(2).header("Authorization").orElseThrow());
        assertEquals(2, oauth2.simulator().tokenRequests());
    }

    @Test
    void aSecond401SurfacesAsAnExceptionAfterExactlyTwoApiRequests() {
        // an API that accepts none of the tokens the authorization server issues
        RequestJournal apiJournal = new RequestJournal();
        OAuth2Simulator otherIssuer = new OAuth2Simulator(OAuth2Clients.standard(), harness.clock, apiJournal);
        LoopbackServer api = harness.serve(otherIssuer);
        TollgateEngine engine = harness.engine(config(METRICS_CLIENT_ID, METRICS_CLIENT_SECRET)
                .and("tollgate.api.base-url", api.url("oauth2/")));
        Client client = client(engine);
        CredentialsRejectedException e = assertThrows(CredentialsRejectedException.class,
                () -> client.target(api.url("oauth2/api/resource")).request().get());
        assertEquals(401, e.status());
        assertEquals(2, apiJournal.count(), "a 401 is repeated once, never more");
        assertEquals(2, oauth2.simulator().tokenRequests(), "the repeat carried a fresh token");
        assertTrue(e.getMessage().contains("client 'api' (provider client-credentials)"), e.getMessage());
    }

    /** The API refused the token, not the authorization server that issued it: the message names the API's origin. */
    @Test
    void aSecond401SaysTheApiAtItsOriginRefusedTheToken() {
        LoopbackServer api = harness.serve(new OAuth2Simulator(OAuth2Clients.standard(), harness.clock, new RequestJournal()));
        Client client = client(harness.engine(config(METRICS_CLIENT_ID, METRICS_CLIENT_SECRET)
                .and("tollgate.api.base-url", api.url("oauth2/"))));

        CredentialsRejectedException e = assertThrows(CredentialsRejectedException.class,
                () -> client.target(api.url("oauth2/api/resource")).request().get());

        assertTrue(e.getMessage().startsWith("client 'api' (provider client-credentials): the API at http://127.0.0.1:"
                + api.baseUri().getPort() + " refused the access-token (HTTP 401)"), e.getMessage());
        assertFalse(e.getMessage().contains("token endpoint"), e.getMessage());
    }
}
