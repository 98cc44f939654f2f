package dev.tollgate.provider.oauth2;

import static dev.tollgate.testkit.simulator.oauth2.OAuth2Fixture.BILLING_CLIENT_ID;
import static dev.tollgate.testkit.simulator.oauth2.OAuth2Fixture.BILLING_CLIENT_SECRET;
import static dev.tollgate.testkit.simulator.oauth2.OAuth2Fixture.REPORTING_CLIENT_ID;
import static dev.tollgate.testkit.simulator.oauth2.OAuth2Fixture.REPORTING_CLIENT_SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.CredentialsRejectedException;
import dev.tollgate.api.Refuser;
import dev.tollgate.api.TollgateConfigException;
import dev.tollgate.engine.TollgateEngine;
import dev.tollgate.engine.testing.EngineHarness;
import dev.tollgate.engine.testing.OAuth2Loopback;
import dev.tollgate.testkit.config.TestConfig;
import dev.tollgate.testkit.log.ConfiguredSecrets;
import dev.tollgate.testkit.log.SecretScan;
import jakarta.ws.rs.client.Client;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** RFC 6749 client authentication, scopes and configuration errors, against the simulator. */
class OAuth2ProviderTest {

    private static final String WRONG_SECRET = ConfiguredSecrets.record("n0t-the-Billing-s3cret");

    @RegisterExtension
    final EngineHarness harness = new EngineHarness();
    private final OAuth2Loopback oauth2 = harness.oauth2();

    private TestConfig config(String clientId, String clientSecret) {
        return oauth2.config(OAuth2Provider.ID, clientId, clientSecret);
    }

    private Client client(TollgateEngine engine) {
        return harness.client(engine, OAuth2Loopback.CLIENT);
    }

    @Test
    void clientSecretBasicFormEncodesIdAndSecretAsRfc6749Says() {
        // billing-service's secret holds + : space / %, which only the §2.3.1 encoding gets right
        assertEquals(200, oauth2.call(client(harness.engine(config(BILLING_CLIENT_ID, BILLING_CLIENT_SECRET)))));
        assertTrue(harness.journal.requests().get(0).header("Authorization").orElseThrow().startsWith("Basic "));
    }

    @Test
    void clientSecretPostSendsTheCredentialsInTheBodyInstead() {
        assertEquals(200, oauth2.call(client(harness.engine(config(REPORTING_CLIENT_ID, REPORTING_CLIENT_SECRET)
                .and("tollgate.api.auth-method", "client_secret_post")))));
        assertTrue(harness.journal.requests().get(0).header("Authorization").isEmpty());
    }

    @Test
    void theWrongAuthMethodIsRefusedByTheServerWithItsExplanation() {
        var client = client(harness.engine(config(REPORTING_CLIENT_ID, REPORTING_CLIENT_SECRET)));
        CredentialsRejectedException e = assertThrows(CredentialsRejectedException.class, () -> oauth2.call(client));
        assertTrue(e.vendorDetail().orElseThrow().contains("invalid_client"), e.getMessage());
        assertTrue(e.getMessage().contains("tollgate.api.auth-method"), e.getMessage());
    }

    /** The authorization server refused the client, not the API: the message names its token endpoint and the keys. */
    @Test
    void aWrongSecretIsRefusedByTheTokenEndpointNamedInTheMessage() {
        var client = client(harness.engine(config(BILLING_CLIENT_ID, WRONG_SECRET)));

        CredentialsRejectedException e = assertThrows(CredentialsRejectedException.class, () -> oauth2.call(client));

        assertTrue(e.getMessage().startsWith("client 'api' (provider oauth2): the token endpoint " + oauth2.url("oauth2/token")
                + " refused the credentials sent for the access-token (HTTP 401): invalid_client"), e.getMessage());
        assertTrue(e.getMessage().contains("tollgate.api.client-secret"), e.getMessage());
        assertFalse(e.getMessage().contains("the API"), e.getMessage());
        assertEquals(Optional.of(Refuser.tokenEndpoint(URI.create(oauth2.url("oauth2/token")))), e.refuser());
        assertEquals(0, oauth2.apiRequests().size(), "the API was never called");
    }

    /** A token URL may carry a key in its query: the message shows the endpoint without it. */
    @Test
    void aRefusalNamesTheTokenEndpointWithoutItsQuery() {
        String inQuery = ConfiguredSecrets.record("Qu3ry-K3y-5u7h0r1z3");
        var client = client(harness.engine(config(BILLING_CLIENT_ID, WRONG_SECRET)
                .and("tollgate.api.token-url", oauth2.url("oauth2/token") + "?access_key=" + inQuery)));

        CredentialsRejectedException e = assertThrows(CredentialsRejectedException.class, () -> oauth2.call(client));

        assertTrue(e.getMessage().contains("the token endpoint " + oauth2.url("oauth2/token") + " refused"), e.getMessage());
        assertFalse(SecretScan.containsAny(e.getMessage(), List.of(inQuery, WRONG_SECRET)), e.getMessage());
    }

    @Test
    void aScopeTheClientMayNotHaveIsInvalidScope() {
        var client = client(harness.engine(config(BILLING_CLIENT_ID, BILLING_CLIENT_SECRET)
                .and("tollgate.api.scope", "payroll:admin")));
        CredentialsRejectedException e = assertThrows(CredentialsRejectedException.class, () -> oauth2.call(client));
        assertEquals(400, e.status());
        assertTrue(e.vendorDetail().orElseThrow().startsWith("invalid_scope"), e.vendorDetail().orElseThrow());
    }

    @Test
    void configurationErrorsNameTheKey() {
        TollgateEngine missing = harness.engine(config(BILLING_CLIENT_ID, BILLING_CLIENT_SECRET)
                .and("tollgate.api.token-url", " "));
        List<TollgateConfigException> problems = missing.validate("api");
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).getMessage().contains("set tollgate.api.token-url"), problems.get(0).getMessage());

        TollgateEngine plainHttp = harness.engine(config(BILLING_CLIENT_ID, BILLING_CLIENT_SECRET)
                .and("tollgate.api.token-url", "http://auth.example.com/token"));
        assertTrue(plainHttp.validate("api").get(0).getMessage().contains("tollgate.api.token-url uses http"));

        TollgateEngine badMethod = harness.engine(config(BILLING_CLIENT_ID, BILLING_CLIENT_SECRET)
                .and("tollgate.api.auth-method", "client-secret-basic"));
        assertTrue(badMethod.validate("api").get(0).getMessage().contains("tollgate.api.auth-method must be"));
    }
}
