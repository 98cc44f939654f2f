package dev.tollgate.testkit.simulator.oauth2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.testkit.http.LoopbackServer;
import dev.tollgate.testkit.http.RequestJournal;
import dev.tollgate.testkit.simulator.oauth2.AuthorizationServerMetadata.Location;
import dev.tollgate.testkit.time.MutableClock;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Form;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulator's metadata (RFC 8414, OpenID Connect Discovery) and its RFC 8707 resource checks, as a server has them. */
class AuthorizationServerMetadataTest {

    static final String INVOICES = "https://api.example.com/invoices";
    static final Jsonb JSON = JsonbBuilder.create();

    final OAuth2Clients clients = OAuth2Clients.standard().allowResources(OAuth2Fixture.REPORTING_CLIENT_ID, INVOICES);
    final OAuth2Simulator oauth2 = new OAuth2Simulator(clients, MutableClock.startingAt("2024-05-01T12:00:00Z"), new RequestJournal());
    LoopbackServer server;
    Client client;

    @BeforeEach
    void start() {
        server = LoopbackServer.serve(oauth2, oauth2.wellKnown());
        client = ClientBuilder.newClient();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private static Map<?, ?> json(Response response) {
        return JSON.fromJson(response.readEntity(String.class), Map.class);
    }

    private Response get(String path) {
        return client.target(server.url(path)).request().get();
    }

    @Test
    void bothLocationsServeTheSameDocumentForIssuerOAuth2() {
        String issuer = server.url("oauth2");
        for (String path : List.of("oauth2/.well-known/openid-configuration", ".well-known/oauth-authorization-server/oauth2")) {
            try (Response response = get(path)) {
                assertEquals(200, response.getStatus(), path);
                Map<?, ?> document = json(response);
                assertEquals(issuer, document.get("issuer"));
                assertEquals(issuer + "/token", document.get("token_endpoint"));
                assertEquals(List.of("client_secret_basic", "client_secret_post"), document.get("token_endpoint_auth_methods_supported"));
            }
        }
        assertEquals(1, oauth2.metadata().reads(Location.OPENID_CONFIGURATION));
        assertEquals(1, oauth2.metadata().reads(Location.OAUTH_AUTHORIZATION_SERVER));
    }

    @Test
    void switchesServeOneLocationAnotherIssuerOrAFailure() {
        oauth2.metadata().serveAt(Location.OAUTH_AUTHORIZATION_SERVER).announceIssuer("https://someone.example.com");
        try (Response response = get("oauth2/.well-known/openid-configuration")) {
            assertEquals(404, response.getStatus());
        }
        try (Response response = get(".well-known/oauth-authorization-server/oauth2")) {
            assertEquals("https://someone.example.com", json(response).get("issuer"));
        }
        oauth2.metadata().failWith(503);
        try (Response response = get(".well-known/oauth-authorization-server/oauth2")) {
            assertEquals(503, response.getStatus());
        }
        assertEquals(3, oauth2.metadata().reads());
    }

    private Response token(Form form) {
        form.param("grant_type", "client_credentials").param("client_id", OAuth2Fixture.REPORTING_CLIENT_ID)
                .param("client_secret", OAuth2Fixture.REPORTING_CLIENT_SECRET);
        return client.target(server.url("oauth2/token")).request().post(Entity.form(form));
    }

    @Test
    void aRegisteredResourceMakesATokenForItAndMayBeRepeated() {
        try (Response response = token(new Form().param("resource", INVOICES).param("resource", INVOICES))) {
            assertEquals(200, response.getStatus());
            String token = (String) json(response).get("access_token");
            assertEquals(List.of(INVOICES, INVOICES), oauth2.audience(token));
        }
    }

    @Test
    void anUnknownOrMalformedResourceIsInvalidTarget() {
        for (String resource : List.of("https://api.example.com/payroll", "invoices", INVOICES + "#part")) {
            try (Response response = token(new Form().param("resource", resource))) {
                assertEquals(400, response.getStatus(), resource);
                assertEquals("invalid_target", json(response).get("error"));
            }
        }
    }

    @Test
    void anyOtherRepeatedParameterIsStillInvalidRequest() {
        try (Response response = token(new Form().param("scope", "reports:read").param("scope", "reports:read"))) {
            assertEquals(400, response.getStatus());
            assertTrue(response.readEntity(String.class).contains("invalid_request"));
        }
    }
}
