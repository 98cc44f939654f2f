package dev.tollgate.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.Tollgate;
import dev.tollgate.api.UnsafeRequestException;
import dev.tollgate.engine.fake.EchoResource;
import dev.tollgate.testkit.config.TestConfig;
import dev.tollgate.testkit.http.LoopbackServer;
import dev.tollgate.testkit.http.RequestJournal;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.glassfish.jersey.logging.LoggingFeature;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tollgate attaches credentials in the last request filter: application filters (logging,
 * tracing, routing) see the request without them, and what they change (the URI, the tenant) is
 * what the credentials are chosen and checked for.
 */
class LastFilterTest {

    private static final String TOKEN = "shop-5be81d7a93c2";
    private static final String OTHER_TOKEN = "globex-0c27aa4e19";

    private final RequestJournal journal = new RequestJournal();
    private final RequestJournal elsewhereJournal = new RequestJournal();
    private LoopbackServer server;
    private LoopbackServer elsewhere;
    private Client client;

    @BeforeEach
    void start() {
        server = LoopbackServer.serve(new EchoResource(journal, TOKEN));
        elsewhere = LoopbackServer.serve(new EchoResource(elsewhereJournal, "none"));
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        server.close();
        elsewhere.close();
    }

    private TollgateEngine engine(TestConfig config) {
        return TollgateEngine.builder().config(config.build()).build();
    }

    private TestConfig shop() {
        return TestConfig.with("tollgate.shop.provider", "static-header").and("tollgate.shop.base-url", server.url("api/"));
    }

    @Test
    void anApplicationFilterNeverSeesTheCredential() {
        List<String> seen = new ArrayList<>();
        ClientRequestFilter logging = request -> seen.add(String.valueOf(request.getHeaderString("X-Static-Token")));
        client = ClientBuilder.newClient().register(engine(shop().and("tollgate.shop.token", TOKEN)).feature("shop"))
                .register(logging, Priorities.USER);
        try (Response response = client.target(server.url("api/orders")).request().get()) {
            assertEquals(200, response.getStatus());
        }
        assertEquals(List.of("null"), seen, "an application filter saw the credential");
        assertEquals(TOKEN, journal.last().header("X-Static-Token").orElseThrow());
    }

    @Test
    void theTenantAnApplicationFilterSelectsIsTheOneWhoseCredentialIsSent() {
        ClientRequestFilter tenantFromRoute = request -> request.setProperty(Tollgate.TENANT_PROPERTY, "acme");
        client = ClientBuilder.newClient().register(engine(shop()
                        .and("tollgate.shop.tenants.acme.token", TOKEN)
                        .and("tollgate.shop.tenants.globex.token", OTHER_TOKEN)).feature("shop"))
                .register(tenantFromRoute, Priorities.USER);
        try (Response response = client.target(server.url("api/orders")).request().get()) {
            assertEquals(200, response.getStatus());
        }
        assertEquals(TOKEN, journal.last().header("X-Static-Token").orElseThrow());
    }

    @Test
    void aFilterThatMovesTheRequestToAPathWithoutCredentialsSendsNone() {
        ClientRequestFilter toPublic = request -> request.setUri(URI.create(server.url("api/public/catalog")));
        client = ClientBuilder.newClient().register(engine(shop().and("tollgate.shop.token", TOKEN)).feature("shop"))
                .register(toPublic, Priorities.USER);
        try (Response response = client.target(server.url("api/orders")).request().get()) {
            assertEquals(200, response.getStatus());
        }
        assertEquals("api/public/catalog", journal.last().path());
        assertNull(journal.last().header("X-Static-Token").orElse(null), "a path that takes no credential got one");
    }

    @Test
    void aFilterThatMovesTheRequestToAnotherHostCannotTakeTheCredentialAlong() {
        ClientRequestFilter reroute = request -> request.setUri(URI.create(elsewhere.url("api/orders")));
        client = ClientBuilder.newClient().register(engine(shop().and("tollgate.shop.token", TOKEN)).feature("shop"))
                .register(reroute, Priorities.USER);
        UnsafeRequestException e = assertThrows(UnsafeRequestException.class,
                () -> client.target(server.url("api/orders")).request().get().close());
        assertTrue(e.getMessage().contains("refused to send credentials to"), e.getMessage());
        assertEquals(0, elsewhereJournal.count());
        assertEquals(0, journal.count());
    }

    @Test
    void theCredentialACallReusesIsTheOneTheCacheHoldsNow() {
        TollgateEngine engine = engine(TestConfig.with("tollgate.shop.provider", "static-header")
                .and("tollgate.shop.base-url", server.url("api/")).and("tollgate.shop.token", TOKEN));
        client = ClientBuilder.newClient().register(engine.feature("shop"));
        for (int i = 0; i < 3; i++) {
            try (Response response = client.target(server.url("api/orders")).request().get()) {
                assertEquals(200, response.getStatus());
            }
        }
        assertEquals(1, engine.cache().fetchCount(), "a warm call fetched again");
        assertNotNull(engine.cache().entries().get(0));
    }

    /**
     * Jersey's own logging filter runs at {@code Integer.MAX_VALUE}, Tollgate's priority, and
     * logs every header but {@code Authorization}: a filter of the same priority may run after
     * Tollgate's, so the call is refused, naming it, before anything is sent or logged.
     */
    @Test
    void aLoggingFilterOfTheLastPriorityNeverLogsTheCredential() {
        Logger wire = Logger.getLogger("tollgate.test.wire");
        wire.setUseParentHandlers(false);
        List<String> logged = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        wire.addHandler(capture);
        List<String> refusals = new ArrayList<>();
        try {
            for (boolean loggingFirst : new boolean[] {true, false}) {
                Client c = ClientBuilder.newClient();
                LoggingFeature logging = new LoggingFeature(wire, Level.INFO, LoggingFeature.Verbosity.HEADERS_ONLY, 1024);
                var feature = engine(shop().and("tollgate.shop.token", TOKEN)).feature("shop");
                client = loggingFirst ? c.register(logging).register(feature) : c.register(feature).register(logging);
                try {
                    client.target(server.url("api/orders")).request().get().close();
                    refusals.add("sent");
                } catch (UnsafeRequestException e) {
                    refusals.add(e.getMessage());
                }
                client.close();
                client = null;
            }
        } finally {
            wire.removeHandler(capture);
        }
        assertTrue(logged.stream().noneMatch(line -> line.contains(TOKEN)), "the credential was logged");
        assertEquals(0, journal.count(), "a request was sent");
        assertEquals(2, refusals.size());
        refusals.forEach(refusal -> assertTrue(refusal.contains("ClientLoggingFilter"), refusal));
    }
}
