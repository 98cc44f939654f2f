package dev.tollgate.provider.taxizer;

import static dev.tollgate.testkit.simulator.taxizer.TaxizerFixture.ACME_CLIENT_ID;
import static dev.tollgate.testkit.simulator.taxizer.TaxizerFixture.ACME_CLIENT_SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.CredentialsRejectedException;
import dev.tollgate.engine.testing.EngineHarness;
import dev.tollgate.testkit.config.TestConfig;
import dev.tollgate.testkit.http.LoopbackServer;
import dev.tollgate.testkit.http.RecordedRequest;
import dev.tollgate.testkit.http.RequestJournal;
import dev.tollgate.testkit.simulator.taxizer.TaxizerSimulator;
import dev.tollgate.testkit.time.MutableClock;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Taxizer against its simulator: Connect, rotating refresh tokens, fallback to Connect. */
class TaxizerProviderTest {

    @RegisterExtension
    final EngineHarness harness = new EngineHarness("2026-11-22T08:00:00Z");
    private final MutableClock clock = harness.clock;
    private final RequestJournal journal = harness.journal;
    // JWTs live 30 minutes, refresh tokens 2 hours (Taxizer does not publish its lifetimes)
    private final TaxizerSimulator taxizer = new TaxizerSimulator(clock, journal, Duration.ofMinutes(30), Duration.ofHours(2));
    private final LoopbackServer server = harness.serve(taxizer);

    private Client client(String secret) {
        return harness.client(harness.engine(TestConfig.with("tollgate.tz.provider", "taxizer")
                .and("tollgate.tz.base-url", server.url("taxizer/"))
                .and("tollgate.tz.client-id", ACME_CLIENT_ID)
                .and("tollgate.tz.client-secret", secret)), "tz");
    }

    private int call(Client client) {
        try (Response r = client.target(server.url("taxizer/v1/Products")).request().get()) {
            return r.getStatus();
        }
    }

    @Test
    void thirtyTwoCallersAtRefreshTimeCauseOneRefreshAndNoRefreshTokenIsEverReused() throws Exception {
        Client client = client(ACME_CLIENT_SECRET);
        assertEquals(200, call(client));
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            for (int cycle = 0; cycle < 6; cycle++) {
                clock.advance(Duration.ofMinutes(31)); // the JWT has expired: all 32 wait for one refresh
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Integer>> calls = new ArrayList<>();
                for (int i = 0; i < 32; i++) {
                    calls.add(pool.submit(() -> {
                        start.await();
                        return call(client);
                    }));
                }
                start.countDown();
                for (Future<Integer> f : calls) {
                    assertEquals(200, f.get(30, TimeUnit.SECONDS));
                }
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.println("taxizer: 6 expiries x 32 callers: " + taxizer.connects() + " Connect, " + taxizer.refreshes()
                + " AppRefreshToken, " + taxizer.refusedRefreshes() + " refused");
        assertEquals(1, taxizer.connects());
        assertEquals(6, taxizer.refreshes(), "one refresh per expiry, whatever the number of callers");
        assertEquals(0, taxizer.refusedRefreshes(), "a refresh token was sent twice");
    }

    @Test
    void anExpiredRefreshTokenMeansConnectAgainWithoutTryingIt() {
        Client client = client(ACME_CLIENT_SECRET);
        assertEquals(200, call(client));
        clock.advance(Duration.ofHours(3)); // both the JWT and the refresh token have expired
        assertEquals(200, call(client));
        assertEquals(2, taxizer.connects());
        assertEquals(0, taxizer.refreshes(), "an expired refresh token was sent");
    }

    @Test
    void aRefusedRefreshFallsBackToConnect() {
        Client client = client(ACME_CLIENT_SECRET);
        assertEquals(200, call(client));
        clock.advance(Duration.ofMinutes(31));
        taxizer.faults().status(401);
        assertEquals(200, call(client));
        assertEquals(1, taxizer.refreshes());
        assertEquals(2, taxizer.connects());
    }

    @Test
    void aWrongSecretIsARejectionNamingTheClient() {
        Client client = client("not-the-secret");
        CredentialsRejectedException e = assertThrows(CredentialsRejectedException.class, () -> call(client));
        assertEquals(400, e.status());
        assertTrue(e.getMessage().startsWith("client 'tz' (provider taxizer)"), e.getMessage());
        assertEquals("clientId or clientSecret is wrong", e.vendorDetail().orElseThrow());
        assertTrue(e.getMessage().contains("tollgate.tz.client-secret"), e.getMessage());
    }

    /** Taxizer's Connect refused the client: the message names that endpoint, not the API. */
    @Test
    void aWrongSecretIsRefusedByTheConnectEndpointNamedInTheMessage() {
        Client client = client("not-the-secret");
        CredentialsRejectedException e = assertThrows(CredentialsRejectedException.class, () -> call(client));
        assertTrue(e.getMessage().startsWith("client 'tz' (provider taxizer): the token endpoint " + server.url("taxizer/v1/Auth/Connect")
                + " refused the credentials sent for the access-token (HTTP 400): clientId or clientSecret is wrong. "), e.getMessage());
        assertFalse(e.getMessage().contains("the API"), e.getMessage());
    }

    @Test
    void aCallToAnAuthEndpointThroughTheAuthenticatedClientGetsNoBearerToken() {
        Client client = client(ACME_CLIENT_SECRET);
        assertEquals(200, call(client)); // a JWT is cached now
        try (Response r = client.target(server.url("taxizer/v1/Auth/Connect")).request()
                .post(jakarta.ws.rs.client.Entity.json("{\"clientId\":\"x\",\"clientSecret\":\"y\"}"))) {
            assertEquals(400, r.getStatus());
        }
        RecordedRequest connect = journal.requests().get(journal.count() - 1);
        assertTrue(connect.path().endsWith("/v1/Auth/Connect"));
        assertTrue(connect.header("Authorization").isEmpty(), "the JWT went to the auth endpoint");
    }

    @Test
    void aRefreshRefusedWith400AlsoFallsBackToConnect() {
        Client client = client(ACME_CLIENT_SECRET);
        assertEquals(200, call(client));
        clock.advance(Duration.ofMinutes(31));
        taxizer.faults().status(400);
        assertEquals(200, call(client));
        assertEquals(2, taxizer.connects());
    }
}
