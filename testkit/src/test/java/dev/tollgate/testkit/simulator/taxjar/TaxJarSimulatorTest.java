package dev.tollgate.testkit.simulator.taxjar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.testkit.http.LoopbackServer;
import dev.tollgate.testkit.http.RequestJournal;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The simulator answers as TaxJar does (providers/taxjar/PROTOCOL.md), before anything is tested against it. */
class TaxJarSimulatorTest {

    static final RequestJournal journal = new RequestJournal();
    static LoopbackServer server;
    static Client client;

    @BeforeAll
    static void start() {
        server = LoopbackServer.serve(new TaxJarSimulator(TaxJarAccounts.standard(), journal));
        client = ClientBuilder.newClient();
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    private Response categories(String environment, String authorization) {
        var request = client.target(server.url("taxjar/" + environment + "/v2/categories")).request();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request.get();
    }

    @Test
    void bearerAndLegacyTokenFormsAreAccepted() {
        try (Response bearer = categories("sandbox", "Bearer " + TaxJarFixture.ACME_SANDBOX_TOKEN);
             Response legacy = categories("sandbox", "Token token=\"" + TaxJarFixture.ACME_SANDBOX_TOKEN + "\"")) {
            assertEquals(200, bearer.getStatus());
            assertTrue(bearer.readEntity(String.class).contains("\"product_tax_code\":\"20010\""));
            assertEquals(200, legacy.getStatus());
        }
    }

    @Test
    void missingOrUnknownTokenIs401WithTaxJarsFlatError() {
        try (Response none = categories("sandbox", null);
             Response unknown = categories("sandbox", "Bearer nope")) {
            assertEquals(401, none.getStatus());
            assertEquals("{\"detail\":\"Not authorized for route 'GET /v2/categories'\",\"error\":\"Unauthorized\",\"status\":401}",
                    none.readEntity(String.class));
            assertEquals(401, unknown.getStatus());
        }
    }

    @Test
    void sandboxAndProductionAreSeparateTokenSets() {
        try (Response sandboxTokenOnProduction = categories("production", "Bearer " + TaxJarFixture.ACME_SANDBOX_TOKEN);
             Response productionToken = categories("production", "Bearer " + TaxJarFixture.ACME_PRODUCTION_TOKEN)) {
            assertEquals(401, sandboxTokenOnProduction.getStatus());
            assertEquals(200, productionToken.getStatus());
        }
    }

    @Test
    void inactiveAccountIs403() {
        try (Response r = categories("sandbox", "Bearer " + TaxJarFixture.INITECH_SANDBOX_TOKEN)) {
            assertEquals(403, r.getStatus());
            assertTrue(r.readEntity(String.class).contains("\"status\":403"));
        }
    }

    @Test
    void revokedTokenStopsWorking() {
        TaxJarAccounts accounts = TaxJarAccounts.standard();
        String token = "0123456789abcdef0123456789abcdef";
        accounts.add("sandbox", token, "hooli", true);
        assertTrue(accounts.find("sandbox", token).isPresent());
        accounts.revoke(token);
        assertTrue(accounts.find("sandbox", token).isEmpty());
    }
}
