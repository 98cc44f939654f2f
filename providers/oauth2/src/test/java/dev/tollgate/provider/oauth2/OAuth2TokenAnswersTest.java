package dev.tollgate.provider.oauth2;

import static dev.tollgate.testkit.simulator.oauth2.OAuth2Fixture.METRICS_CLIENT_ID;
import static dev.tollgate.testkit.simulator.oauth2.OAuth2Fixture.METRICS_CLIENT_SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.CredentialsRejectedException;
import dev.tollgate.api.TokenAcquisitionException;
import dev.tollgate.engine.TollgateEngine;
import dev.tollgate.engine.testing.EngineHarness;
import dev.tollgate.engine.testing.OAuth2Loopback;
import dev.tollgate.testkit.config.TestConfig;
import jakarta.ws.rs.client.Client;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * How the provider reads the authorization server's refusals and answers (RFC 6749 §5.1, §5.2):
 * a refusal with the server's explanation and the key to check, a malformed or unusable answer
 * that quotes nothing. Retries, cooldowns and single flight are the engine's (its
 * TokenEndpointFailureTest).
 */
class OAuth2TokenAnswersTest {

    @RegisterExtension
    final EngineHarness harness = new EngineHarness();
    private final OAuth2Loopback oauth2 = harness.oauth2();

    private TestConfig config(String clientId, String clientSecret) {
        return oauth2.config(OAuth2Provider.ID, clientId, clientSecret);
    }

    private Client client(TollgateEngine engine) {
        return harness.client(engine, OAuth2Loopback.CLIENT);
    }

    private Client client() {
        return client(harness.engine(config(METRICS_CLIENT_ID, METRICS_CLIENT_SECRET)));
    }

    @Test
    void wrongClientCredentialsAreRejectedWithTheServersExplanationAndNotRetried() {
        Client client = client(harness.engine(config(METRICS_CLIENT_ID, "not-the-secret")));
        CredentialsRejectedException e = assertThrows(CredentialsRejectedException.class, () -> oauth2.call(client));
        assertEquals(401, e.status());
        assertTrue(e.vendorDetail().orElseThrow().startsWith("invalid_client"), e.vendorDetail().orElse(""));
        assertTrue(e.getMessage().contains("tollgate.api.client-secret"), e.getMessage());
        assertEquals(1, oauth2.simulator().tokenRequests());
        assertEquals(0, oauth2.apiRequests().size());
    }

    @Test
    void malformedTokenResponsesAreTokenAcquisitionFailuresThatQuoteNothing() {
        Client client = client(harness.engine(config(METRICS_CLIENT_ID, METRICS_CLIENT_SECRET)
                .and("tollgate.api.token-failure-cooldown", "PT0S")));
        String[] bodies = {"not json", "{\"access_token\":\"secret-looking-value\"}", "{\"token_type\":\"Bearer\"}",
                "{\"access_token\":\"x\",\"token_type\":\"mac\",\"expires_in\":60}",
                "{\"access_token\":\"x\",\"token_type\":\"Bearer\",\"expires_in\":\"soon\"}",
                "{\"access_token\":\"a\\r\\nb\",\"token_type\":\"Bearer\",\"expires_in\":60}"};
        for (String body : bodies) {
            oauth2.simulator().faults().malformedBody(body);
            TokenAcquisitionException e = assertThrows(TokenAcquisitionException.class, () -> oauth2.call(client), body);
            assertTrue(!e.getMessage().contains("secret-looking-value"), e.getMessage());
        }
        assertEquals(bodies.length, oauth2.simulator().tokenRequests(), "a malformed answer is not retried");
    }

    @Test
    void aTokenThatExpiresInThePastIsRefused() {
        Client client = client();
        oauth2.simulator().faults().malformedBody("{\"access_token\":\"t\",\"token_type\":\"Bearer\",\"expires_in\":-5}");
        assertThrows(TokenAcquisitionException.class, () -> oauth2.call(client));
    }

    @Test
    void anExpiresInNoTokenLivesIsAnUnusableAnswerNotAProviderFailure() {
        Client client = client();
        oauth2.simulator().faults().malformedBody("{\"access_token\":\"t-0123456789\",\"token_type\":\"Bearer\","
                + "\"expires_in\":9223372036854775807}");
        TokenAcquisitionException e = assertThrows(TokenAcquisitionException.class, () -> oauth2.call(client));
        assertTrue(e.getMessage().contains("the token endpoint's answer is not usable: 'expires_in' ends after the year 9999"),
                e.getMessage());
        assertEquals(1, oauth2.simulator().tokenRequests(), "an unusable answer is not retried");
    }
}
