package dev.tollgate.testkit.simulator.taxizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.tollgate.testkit.http.LoopbackServer;
import dev.tollgate.testkit.http.RequestJournal;
import dev.tollgate.testkit.time.MutableClock;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The simulator rotates refresh tokens as Taxizer does (providers/taxizer/PROTOCOL.md), so tests relying on it can fail. */
class TaxizerSimulatorTest {

    private final MutableClock clock = MutableClock.startingAt("2026-11-22T08:00:00Z");
    private final TaxizerSimulator taxizer = new TaxizerSimulator(clock, new RequestJournal(), Duration.ofMinutes(30), Duration.ofHours(2));
    private final LoopbackServer server = LoopbackServer.serve(taxizer);
    private final Client client = ClientBuilder.newClient();

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private Response post(String path, Map<String, String> body) {
        return client.target(server.url("taxizer/" + path)).request().post(Entity.json(JsonbBuilder.create().toJson(body)));
    }

    private TaxizerSimulator.Session session(Response r) {
        try (r) {
            assertEquals(200, r.getStatus());
            return JsonbBuilder.create().fromJson(r.readEntity(String.class), TaxizerSimulator.Session.class);
        }
    }

    @Test
    void aRefreshTokenWorksOnceAndTheAnswerCarriesANewOne() {
        TaxizerSimulator.Session first = session(post("v1/Auth/Connect",
                Map.of("clientId", TaxizerFixture.ACME_CLIENT_ID, "clientSecret", TaxizerFixture.ACME_CLIENT_SECRET)));
        TaxizerSimulator.Session second = session(post("v1/Auth/AppRefreshToken", Map.of("refreshToken", first.refreshToken())));
        assertNotEquals(first.refreshToken(), second.refreshToken());
        assertNotEquals(first.jwtToken(), second.jwtToken());
        try (Response reused = post("v1/Auth/AppRefreshToken", Map.of("refreshToken", first.refreshToken()))) {
            assertEquals(400, reused.getStatus());
        }
        assertEquals(1, taxizer.refusedRefreshes());
        assertEquals("2026-11-22T08:30:00Z", first.jwtTokenExpireAtUTC());
    }

    @Test
    void wrongCredentialsAre400AndAnExpiredRefreshTokenIsRefused() {
        try (Response wrong = post("v1/Auth/Connect", Map.of("clientId", TaxizerFixture.ACME_CLIENT_ID, "clientSecret", "nope"))) {
            assertEquals(400, wrong.getStatus());
        }
        TaxizerSimulator.Session s = session(post("v1/Auth/Connect",
                Map.of("clientId", TaxizerFixture.ACME_CLIENT_ID, "clientSecret", TaxizerFixture.ACME_CLIENT_SECRET)));
        clock.advance(Duration.ofHours(2));
        try (Response expired = post("v1/Auth/AppRefreshToken", Map.of("refreshToken", s.refreshToken()))) {
            assertEquals(400, expired.getStatus());
        }
    }
}
