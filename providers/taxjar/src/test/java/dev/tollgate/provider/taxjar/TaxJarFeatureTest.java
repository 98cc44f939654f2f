package dev.tollgate.provider.taxjar;

import static dev.tollgate.testkit.simulator.taxjar.TaxJarFixture.ACME_SANDBOX_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.CredentialsRejectedException;
import dev.tollgate.api.Refuser;
import dev.tollgate.api.Tollgate;
import dev.tollgate.api.TollgateConfigException;
import dev.tollgate.engine.TollgateEngine;
import dev.tollgate.engine.testing.EngineHarness;
import dev.tollgate.engine.testing.TaxJarLoopback;
import dev.tollgate.testkit.config.TestConfig;
import dev.tollgate.testkit.http.RecordedRequest;
import dev.tollgate.testkit.log.ConfiguredSecrets;
import dev.tollgate.testkit.log.SecretScan;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * TaxJar's protocol through a plain Jersey client with the engine's feature, against the simulated
 * TaxJar: the Bearer token and API version on the wire, its keys, its error detail. Tenants,
 * origins and the engine's other rules are tested in the engine.
 */
class TaxJarFeatureTest {

    @RegisterExtension
    final EngineHarness harness = new EngineHarness();
    private final TaxJarLoopback taxjar = harness.taxjar();

    /** Client {@code taxjar} against the simulated TaxJar sandbox. */
    private TestConfig config() {
        return taxjar.config(TaxJarProvider.ID);
    }
    private Client client;


    private Client clientFor(TollgateEngine engine) {
        client = harness.client(engine, TaxJarLoopback.CLIENT);
        return client;
    }

    private Response get(String path, String tenant) {
        return client.target(taxjar.sandboxUrl()).path(path).request()
                .property(Tollgate.TENANT_PROPERTY, tenant).get();
    }

    private static int status(Response response) {
        try (response) {
            return response.getStatus();
        }
    }

    @Test
    void bearerTokenAndApiVersionArriveOnTheWire() {
        clientFor(harness.engine(config()
                .and("tollgate.taxjar.api-token", ACME_SANDBOX_TOKEN)
                .and("tollgate.taxjar.api-version", "2020-08-07")));

        try (Response response = get("categories", null)) {
            assertEquals(200, response.getStatus());
            assertTrue(response.readEntity(String.class).contains("product_tax_code"));
        }
        RecordedRequest seen = taxjar.journal().last();
        assertEquals("Bearer " + ACME_SANDBOX_TOKEN, seen.header("Authorization").orElseThrow());
        assertEquals("2020-08-07", seen.header("x-api-version").orElseThrow());
    }

    @Test
    void noApiVersionHeaderUnlessConfigured() {
        clientFor(harness.engine(config().and("tollgate.taxjar.api-token", ACME_SANDBOX_TOKEN)));
        get("categories", null).close();
        assertTrue(taxjar.journal().last().header("x-api-version").isEmpty());
    }

    @Test
    void malformedApiVersionIsAConfigurationError() {
        TollgateEngine engine = harness.engine(config()
                .and("tollgate.taxjar.api-token", ACME_SANDBOX_TOKEN)
                .and("tollgate.taxjar.api-version", "v2"));
        TollgateConfigException e = assertThrows(TollgateConfigException.class, () -> engine.feature("taxjar"));
        assertTrue(e.getMessage().contains("tollgate.taxjar.api-version"), e.getMessage());
    }

    @Test
    void noTokenConfiguredMeansNoRequestAndAnErrorNamingTheKey() {
        clientFor(harness.engine(config()));
        TollgateConfigException e = assertThrows(TollgateConfigException.class, () -> get("categories", null));
        assertTrue(e.getMessage().contains("tollgate.taxjar.api-token"), e.getMessage());
        assertTrue(e.getMessage().contains("TaxJar API token"), e.getMessage());
        assertEquals(0, taxjar.journal().count());
    }

    @Test
    void rejectedTokenSurfacesWithTaxJarsDetailAndNoSecret() {
        String revoked = "5f4dcc3b5aa765d61d8327deb882cf99";
        taxjar.accounts().add("sandbox", revoked, "acme", true);
        clientFor(harness.engine(config().and("tollgate.taxjar.api-token", revoked)));
        get("categories", null).close();
        taxjar.accounts().revoke(revoked);

        CredentialsRejectedException e = assertThrows(CredentialsRejectedException.class, () -> get("categories", null));
        assertEquals(401, e.status());
        assertEquals("Not authorized for route 'GET /v2/categories'", e.vendorDetail().orElseThrow());
        assertTrue(e.getMessage().contains("tollgate.taxjar.api-token"), e.getMessage());
        assertFalse(SecretScan.containsAny(e.getMessage(), List.of(revoked)), e.getMessage());
        assertEquals(2, taxjar.journal().count(), "a 401 on a static token must not be retried");
    }

    /** TaxJar's API refused the merchant's token: the message names the API's origin and the key to check. */
    @Test
    void aRefusedTokenSaysTheApiAtItsOriginRefusedTheApiToken() {
        String revoked = "6e5dcc3b5aa765d61d8327deb882cf11";
        taxjar.accounts().add("sandbox", revoked, "acme", true);
        clientFor(harness.engine(config().and("tollgate.taxjar.api-token", revoked)));
        get("categories", null).close();
        taxjar.accounts().revoke(revoked);

        CredentialsRejectedException e = assertThrows(CredentialsRejectedException.class, () -> get("categories", null));

        assertTrue(e.getMessage().startsWith("client 'taxjar' (provider taxjar): the API at " + origin()
                + " refused the api-token (HTTP 401): Not authorized for route 'GET /v2/categories'. "), e.getMessage());
        assertTrue(e.getMessage().contains("tollgate.taxjar.api-token"), e.getMessage());
        assertEquals(Refuser.Kind.API, e.refuser().orElseThrow().kind());
        assertEquals(URI.create(origin()), e.refuser().orElseThrow().address().orElseThrow());
    }

    /**
     * A request URL may carry keys of its own (a signature in the query, a password before the
     * host): the message names the API by its origin alone.
     */
    @Test
    void aRefusedRequestsUserInformationAndQueryAreNotQuoted() {
        String revoked = "7f6dcc3b5aa765d61d8327deb882cf22";
        String inUrl = ConfiguredSecrets.record("Url-Pa55word-9q8w7e");
        taxjar.accounts().add("sandbox", revoked, "acme", true);
        clientFor(harness.engine(config().and("tollgate.taxjar.api-token", revoked)));
        taxjar.accounts().revoke(revoked);
        URI base = taxjar.server().baseUri();

        CredentialsRejectedException e = assertThrows(CredentialsRejectedException.class,
                () -> client.target("http://merchant:" + inUrl + "@127.0.0.1:" + base.getPort() + "/taxjar/sandbox/v2/categories")
                        .queryParam("signature", inUrl).request().get());

        assertTrue(e.getMessage().contains("the API at " + origin() + " refused the api-token"), e.getMessage());
        assertFalse(SecretScan.containsAny(e.getMessage(), List.of(inUrl, revoked)), e.getMessage());
    }

    private String origin() {
        return "http://127.0.0.1:" + taxjar.server().baseUri().getPort();
    }

    @Test
    void sandboxTokenIsRejectedByProduction() {
        clientFor(harness.engine(config()
                .and("tollgate.taxjar.base-url", taxjar.productionUrl())
                .and("tollgate.taxjar.api-token", ACME_SANDBOX_TOKEN)));
        assertThrows(CredentialsRejectedException.class,
                () -> client.target(taxjar.productionUrl()).path("categories").request().get());
    }
}
