package dev.tollgate.provider.oauth2;

import dev.tollgate.engine.Sleeper;
import dev.tollgate.engine.TollgateEngine;
import dev.tollgate.testkit.config.TestConfig;
import dev.tollgate.testkit.http.LoopbackServer;
import dev.tollgate.testkit.http.RecordedRequest;
import dev.tollgate.testkit.http.RequestJournal;
import dev.tollgate.testkit.simulator.oauth2.OAuth2Clients;
import dev.tollgate.testkit.simulator.oauth2.OAuth2Simulator;
import dev.tollgate.testkit.time.MutableClock;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A simulated authorization server and API on loopback, a clock the test moves, and a retry
 * sleeper that records each wait and moves the clock by it instead of sleeping.
 */
final class OAuth2Sandbox implements AutoCloseable {

    final MutableClock clock = MutableClock.startingAt("2026-11-22T10:00:00Z");
    final RequestJournal journal = new RequestJournal();
    final OAuth2Simulator simulator = new OAuth2Simulator(OAuth2Clients.standard(), clock, journal);
    final LoopbackServer server = LoopbackServer.serve(simulator);
    final List<Duration> waits = new CopyOnWriteArrayList<>();
    final Sleeper sleeper = duration -> {
        waits.add(duration);
        clock.advance(duration);
    };
    private final List<TollgateEngine> engines = new CopyOnWriteArrayList<>();
    private final List<Client> clients = new CopyOnWriteArrayList<>();

    TestConfig config(String clientId, String clientSecret) {
        return TestConfig.with("tollgate.api.provider", "oauth2")
                .and("tollgate.api.base-url", server.url("oauth2/"))
                .and("tollgate.api.token-url", server.url("oauth2/token"))
                .and("tollgate.api.client-id", clientId)
                .and("tollgate.api.client-secret", clientSecret);
    }

    TollgateEngine engine(TestConfig config) {
        TollgateEngine engine = TollgateEngine.builder().config(config.build()).clock(clock).sleeper(sleeper).build();
        engines.add(engine);
        return engine;
    }

    Client client(TollgateEngine engine) {
        Client client = ClientBuilder.newClient().register(engine.feature("api"));
        clients.add(client);
        return client;
    }

    /** Calls the protected resource and returns the status. */
    int call(Client client) {
        try (var response = client.target(server.url("oauth2/api/resource")).request().get()) {
            return response.getStatus();
        }
    }

    /** Waits (30 s at most, a safety net on a loaded machine) until the engine has fetched {@code count} credentials: a background refresh ended. */
    static void awaitFetches(TollgateEngine engine, long count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (engine.cache().fetchCount() < count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    List<RecordedRequest> apiRequests() {
        return journal.requests().stream().filter(r -> r.path().endsWith("/api/resource")).toList();
    }

    @Override
    public void close() {
        clients.forEach(Client::close);
        engines.forEach(TollgateEngine::close);
        server.close();
    }
}
