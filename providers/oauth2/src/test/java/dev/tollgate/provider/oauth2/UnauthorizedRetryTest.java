package dev.tollgate.provider.oauth2;

import static dev.tollgate.testkit.simulator.oauth2.OAuth2Fixture.METRICS_CLIENT_ID;
import static dev.tollgate.testkit.simulator.oauth2.OAuth2Fixture.METRICS_CLIENT_SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.CredentialsRejectedException;
import dev.tollgate.engine.TollgateEngine;
import dev.tollgate.testkit.http.LoopbackServer;
import dev.tollgate.testkit.http.RequestJournal;
import dev.tollgate.testkit.simulator.oauth2.OAuth2Clients;
import dev.tollgate.testkit.simulator.oauth2.OAuth2Simulator;
import jakarta.ws.rs.client.Client;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A 401 from the API: invalidate the token that failed, repeat once, never loop. */
class UnauthorizedRetryTest {

    private final OAuth2Sandbox sandbox = new OAuth2Sandbox();

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void aRevokedTokenIsReplacedAndTheCallRepeatedOnceTransparently() {
        Client client = sandbox.client(sandbox.engine(sandbox.config(METRICS_CLIENT_ID, METRICS_CLIENT_SECRET)));
        assertEquals(200, sandbox.call(client));
        String first = sandbox.apiRequests().get(0).header("Authorization").orElseThrow();
        sandbox.simulator.revoke(first.substring("Bearer ".length()));

        assertEquals(200, sandbox.call(client), "the application saw the 401");
        assertEquals(3, sandbox.apiRequests().size(), "one call, one 401, one repeat");
        assertEquals(401, sandbox.apiRequests().get(1).status());
        assertNotEquals(first, sandbox.apiRequests().get(2).header("Authorization").orElseThrow());
        assertEquals(2, sandbox.simulator.tokenRequests());
    }

    @Test
    void aSecond401SurfacesAsAnExceptionAfterExactlyTwoApiRequests() {
        // an API that accepts none of the tokens the authorization server issues
        RequestJournal apiJournal = new RequestJournal();
        OAuth2Simulator otherIssuer = new OAuth2Simulator(OAuth2Clients.standard(), sandbox.clock, apiJournal);
        try (LoopbackServer api = LoopbackServer.serve(otherIssuer)) {
            TollgateEngine engine = sandbox.engine(sandbox.config(METRICS_CLIENT_ID, METRICS_CLIENT_SECRET)
                    .and("tollgate.api.base-url", api.url("oauth2/")));
            Client client = sandbox.client(engine);
            CredentialsRejectedException e = assertThrows(CredentialsRejectedException.class,
                    () -> client.target(api.url("oauth2/api/resource")).request().get());
            assertEquals(401, e.status());
            assertEquals(2, apiJournal.count(), "a 401 is repeated once, never more");
            assertEquals(2, sandbox.simulator.tokenRequests(), "the repeat carried a fresh token");
            assertTrue(e.getMessage().contains("client 'api' (provider oauth2)"), e.getMessage());
        }
    }
}
