package dev.tollgate.engine;

import static dev.tollgate.testkit.simulator.oauth2.OAuth2Fixture.METRICS_CLIENT_ID;
import static dev.tollgate.testkit.simulator.oauth2.OAuth2Fixture.METRICS_CLIENT_SECRET;
import static dev.tollgate.testkit.simulator.taxjar.TaxJarFixture.ACME_SANDBOX_TOKEN;
import static dev.tollgate.testkit.simulator.taxjar.TaxJarFixture.GLOBEX_SANDBOX_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.CredentialsRejectedException;
import dev.tollgate.api.TokenAcquisitionException;
import dev.tollgate.api.Tollgate;
import dev.tollgate.api.TollgateConfigException;
import dev.tollgate.api.UnsafeRequestException;
import dev.tollgate.engine.fake.ClientCredentialsProvider;
import dev.tollgate.engine.fake.StaticBearerProvider;
import dev.tollgate.engine.observe.Measurement;
import dev.tollgate.engine.observe.Metric;
import dev.tollgate.engine.observe.MetricsSink;
import dev.tollgate.engine.testing.EngineHarness;
import dev.tollgate.engine.testing.LogRecords;
import dev.tollgate.engine.testing.OAuth2Loopback;
import dev.tollgate.engine.testing.TaxJarLoopback;
import dev.tollgate.testkit.config.TestConfig;
import dev.tollgate.testkit.log.ConfiguredSecrets;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.DoubleSupplier;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The engine's own counts and gauges, as {@link TollgateEngine#measurements()} shows them and as
 * metrics sinks receive them: equal to what the vendors counted, tagged by client and credential
 * (by tenant only when asked), and never a failed call because of a sink.
 */
class EngineMetricsTest {

    private static final String UNKNOWN_TOKEN = ConfiguredSecrets.record("5a1f0c3e9b7d2468ace13579bdf02468");

    @RegisterExtension
    final EngineHarness harness = new EngineHarness();
    private final OAuth2Loopback oauth2 = harness.oauth2();
    private final TaxJarLoopback taxjar = harness.taxjar();

    /** What a server's metrics API would get. */
    static final class RecordingSink implements MetricsSink {
        final List<String> increments = new CopyOnWriteArrayList<>();
        final List<String> gauges = new CopyOnWriteArrayList<>();
        final List<DoubleSupplier> gaugeValues = new CopyOnWriteArrayList<>();
        volatile boolean engineClosed;

        @Override
        public void engineClosed() {
            engineClosed = true;
        }

        @Override
        public void increment(Metric metric, Map<String, String> tags) {
            increments.add(metric.metricName() + tags);
        }

        @Override
        public void gauge(Metric metric, Map<String, String> tags, DoubleSupplier value) {
            gauges.add(metric.metricName() + tags);
            gaugeValues.add(value);
        }
    }

    private TollgateEngine engine(TestConfig config, MetricsSink... sinks) {
        TollgateEngine.Builder builder = TollgateEngine.builder().config(config.build()).clock(harness.clock).sleeper(harness.sleeper);
        for (MetricsSink sink : sinks) {
            builder.metricsSink(sink);
        }
        TollgateEngine engine = builder.build();
        harness.closeAfter(engine::close);
        return engine;
    }

    private TestConfig taxjarTenants() {
        return taxjar.config(StaticBearerProvider.ID)
                .and("tollgate.taxjar.tenants", "acme,globex,umbrella")
                .and("tollgate.taxjar.tenants.acme.api-token", ACME_SANDBOX_TOKEN)
                .and("tollgate.taxjar.tenants.globex.api-token", GLOBEX_SANDBOX_TOKEN)
                .and("tollgate.taxjar.tenants.umbrella.api-token", UNKNOWN_TOKEN);
    }

    private int status(Client client, String tenant) {
        try (Response response = client.target(taxjar.sandboxUrl()).path("categories").request()
                .property(Tollgate.TENANT_PROPERTY, tenant).get()) {
            return response.getStatus();
        }
    }

    private static double value(TollgateEngine engine, Metric metric, Map<String, String> tags) {
        return engine.measurements().stream().filter(m -> m.metric() == metric && m.tags().equals(tags))
                .mapToDouble(Measurement::value).findFirst().orElse(0);
    }

    @Test
    void tokenRequestsCountedEqualWhatTheTokenEndpointCounted() {
        TollgateEngine engine = engine(oauth2.config(ClientCredentialsProvider.ID, METRICS_CLIENT_ID, METRICS_CLIENT_SECRET));
        Client client = harness.client(engine, OAuth2Loopback.CLIENT);
        oauth2.simulator().faults().status(503).status(500);
        assertEquals(200, oauth2.call(client));
        harness.clock.advance(Duration.ofHours(2)); // expired: a new grant
        assertEquals(200, oauth2.call(client));
        assertEquals(200, oauth2.call(client));

        Map<String, String> failed = Map.of("client", "api", "credential", "access-token", "outcome", "failed");
        Map<String, String> succeeded = Map.of("client", "api", "credential", "access-token", "outcome", "succeeded");
        assertEquals(2, value(engine, Metric.TOKEN_REQUESTS, failed));
        assertEquals(oauth2.simulator().tokenRequests() - 2, value(engine, Metric.TOKEN_REQUESTS, succeeded));
        assertEquals(4, oauth2.simulator().tokenRequests());
        Map<String, String> credential = Map.of("client", "api", "credential", "access-token");
        assertEquals(1, value(engine, Metric.CACHED_CREDENTIALS, credential));
        double left = value(engine, Metric.SECONDS_LEFT, credential);
        assertTrue(left > 0 && left <= 3600, "seconds left: " + left);
        harness.clock.advance(Duration.ofSeconds(10));
        assertEquals(left - 10, value(engine, Metric.SECONDS_LEFT, credential), 0.001);
    }

    @Test
    void aRefusalCountsTheRejectionAndTheCooldownAndTheCallsRefusedWhileCooling() {
        TollgateEngine engine = engine(oauth2.config(ClientCredentialsProvider.ID, METRICS_CLIENT_ID,
                ConfiguredSecrets.record("wrong-secret-7Yq2Lm9Xc4Vb8Nz1")));
        Client client = harness.client(engine, OAuth2Loopback.CLIENT);
        for (int i = 0; i < 3; i++) {
            assertThrows(CredentialsRejectedException.class, () -> oauth2.call(client));
        }
        Map<String, String> credential = Map.of("client", "api", "credential", "access-token");
        assertEquals(1, value(engine, Metric.TOKEN_REQUESTS, Map.of("client", "api", "credential", "access-token", "outcome", "failed")));
        assertEquals(1, oauth2.simulator().tokenRequests());
        assertEquals(1, value(engine, Metric.CREDENTIALS_REJECTED, credential));
        assertEquals(1, value(engine, Metric.COOLDOWNS, credential));
        assertEquals(1, value(engine, Metric.CALLS_REFUSED, Map.of("client", "api", "credential", "access-token", "reason", "no_credential")));
        assertEquals(2, value(engine, Metric.CALLS_REFUSED, Map.of("client", "api", "credential", "access-token", "reason", "cooling_down")));
    }

    @Test
    void callsRefusedBeforeSendingAreCountedWithWhy() {
        TollgateEngine engine = engine(taxjarTenants());
        Client client = harness.client(engine, TaxJarLoopback.CLIENT);
        int sent = harness.journal.count();
        assertThrows(UnsafeRequestException.class, () -> status(client, "initech")); // not configured
        assertThrows(UnsafeRequestException.class, () -> client.target(taxjar.sandboxUrl()).path("categories").request().get().close());
        assertThrows(UnsafeRequestException.class, () -> client.target(oauth2.url("oauth2/api/resource")).request()
                .property(Tollgate.TENANT_PROPERTY, "acme").get().close());
        assertEquals(2, value(engine, Metric.CALLS_REFUSED, Map.of("client", "taxjar", "credential", "", "reason", "no_credential")));
        assertEquals(1, value(engine, Metric.CALLS_REFUSED, Map.of("client", "taxjar", "credential", "", "reason", "foreign_origin")));
        assertEquals(sent, harness.journal.count(), "nothing was sent");
    }

    @Test
    void aTokenThatCannotGoInAHeaderRefusesTheCallAsAnUnsafeHeader() {
        TollgateEngine engine = engine(oauth2.config(ClientCredentialsProvider.ID, METRICS_CLIENT_ID, METRICS_CLIENT_SECRET));
        Client client = harness.client(engine, OAuth2Loopback.CLIENT);
        // a lying endpoint: a token with a line break in it, which would split the request's headers
        oauth2.simulator().faults().malformedBody("{\"access_token\":\"abcdefgh\\r\\nX-Injected: 1\",\"token_type\":\"Bearer\","
                + "\"expires_in\":3600}");
        assertThrows(TokenAcquisitionException.class, () -> oauth2.call(client));
        assertThrows(TokenAcquisitionException.class, () -> oauth2.call(client));
        assertEquals(1, value(engine, Metric.CALLS_REFUSED, Map.of("client", "api", "credential", "access-token", "reason", "unsafe_header")));
        assertEquals(1, value(engine, Metric.CALLS_REFUSED, Map.of("client", "api", "credential", "access-token", "reason", "cooling_down")));
        assertEquals(0, oauth2.apiRequests().size(), "nothing was sent to the API");
    }

    @Test
    void withoutPerTenantNoSeriesHasATenantTagAndWithItEachHasItsTenant() {
        TollgateEngine plain = engine(taxjarTenants());
        Client client = harness.client(plain, TaxJarLoopback.CLIENT);
        assertEquals(200, status(client, "acme"));
        assertEquals(200, status(client, "globex"));
        assertThrows(CredentialsRejectedException.class, () -> status(client, "umbrella"));
        assertTrue(plain.measurements().stream().noneMatch(m -> m.tags().containsKey("tenant")), plain.measurements().toString());
        assertEquals(1, value(plain, Metric.CREDENTIALS_REJECTED, Map.of("client", "taxjar", "credential", "api-token")));
        assertEquals(2, value(plain, Metric.CACHED_CREDENTIALS, Map.of("client", "taxjar", "credential", "api-token")),
                "two cached, the refused one dropped");

        TollgateEngine perTenant = engine(taxjarTenants().and("tollgate.metrics.per-tenant", "true"));
        Client tenantClient = harness.client(perTenant, TaxJarLoopback.CLIENT);
        assertEquals(200, status(tenantClient, "acme"));
        assertThrows(CredentialsRejectedException.class, () -> status(tenantClient, "umbrella"));
        assertEquals(1, value(perTenant, Metric.CREDENTIALS_REJECTED,
                Map.of("client", "taxjar", "credential", "api-token", "tenant", "umbrella")));
        assertEquals(1, value(perTenant, Metric.CACHED_CREDENTIALS, Map.of("client", "taxjar", "credential", "api-token", "tenant", "acme")));
        assertTrue(perTenant.measurements().stream().allMatch(m -> m.tags().containsKey("tenant")), perTenant.measurements().toString());
    }

    @Test
    void perTenantIsTrueOrFalseAndAnythingElseFailsNamingTheKey() {
        for (String typo : List.of("yes", "TRUE ", "1", "tenant")) {
            TollgateConfigException e = assertThrows(TollgateConfigException.class,
                    () -> engine(taxjarTenants().and("tollgate.metrics.per-tenant", typo)));
            assertTrue(e.getMessage().contains("tollgate.metrics.per-tenant"), e.getMessage());
        }
    }

    @Test
    void aSinkGetsEveryIncrementAndEachGaugeSeriesOnce() {
        RecordingSink sink = new RecordingSink();
        TollgateEngine engine = engine(oauth2.config(ClientCredentialsProvider.ID, METRICS_CLIENT_ID, METRICS_CLIENT_SECRET), sink);
        Client client = harness.client(engine, OAuth2Loopback.CLIENT);
        assertEquals(200, oauth2.call(client));
        harness.clock.advance(Duration.ofHours(2));
        assertEquals(200, oauth2.call(client));

        assertEquals(List.of("tollgate.token.requests{client=api, credential=access-token, outcome=succeeded}",
                "tollgate.token.requests{client=api, credential=access-token, outcome=succeeded}"), sink.increments);
        assertEquals(List.of("tollgate.credentials.cached{client=api, credential=access-token}",
                "tollgate.credential.seconds.left{client=api, credential=access-token}"), sink.gauges);
        assertEquals(1, sink.gaugeValues.get(0).getAsDouble());
    }

    @Test
    void aSinkIsToldWhenTheEngineCloses() {
        RecordingSink sink = new RecordingSink();
        TollgateEngine engine = engine(taxjarTenants(), sink);
        assertEquals(200, status(harness.client(engine, TaxJarLoopback.CLIENT), "acme"));
        assertTrue(!sink.engineClosed);
        engine.close();
        assertTrue(sink.engineClosed, "its gauges hold the engine: the sink must drop them");
    }

    @Test
    void aTokenTheApiRevokedIsRepeatedOnceWithAFreshOneAndCounted() {
        TollgateEngine engine = engine(oauth2.config(ClientCredentialsProvider.ID, METRICS_CLIENT_ID, METRICS_CLIENT_SECRET));
        Client client = harness.client(engine, OAuth2Loopback.CLIENT);
        assertEquals(200, oauth2.call(client));
        String token = oauth2.apiRequests().get(0).header("Authorization").orElseThrow().substring("Bearer ".length());
        oauth2.simulator().revoke(token);
        assertEquals(200, oauth2.call(client));
        Map<String, String> credential = Map.of("client", "api", "credential", "access-token");
        assertEquals(1, value(engine, Metric.UNAUTHORIZED_REPEATS, credential));
        assertEquals(0, value(engine, Metric.CREDENTIALS_REJECTED, credential), "renewed and accepted: not a rejection");
        assertTrue(engine.health().isUp());
    }

    @Test
    void aThrowingSinkBreaksNoCallAndIsLoggedOnce() {
        MetricsSink broken = new MetricsSink() {
            @Override
            public void increment(Metric metric, Map<String, String> tags) {
                throw new IllegalStateException("registry closed");
            }

            @Override
            public void gauge(Metric metric, Map<String, String> tags, DoubleSupplier value) {
                throw new NoClassDefFoundError("io/micrometer/core/instrument/Gauge");
            }
        };
        RecordingSink working = new RecordingSink();
        try (LogRecords log = new LogRecords()) {
            TollgateEngine engine = engine(taxjarTenants(), broken, working);
            Client client = harness.client(engine, TaxJarLoopback.CLIENT);
            assertEquals(200, status(client, "acme"));
            assertThrows(CredentialsRejectedException.class, () -> status(client, "umbrella"));
            assertThrows(UnsafeRequestException.class, () -> status(client, "initech"));
            assertEquals(1, value(engine, Metric.CREDENTIALS_REJECTED, Map.of("client", "taxjar", "credential", "api-token")));
            assertEquals(2, working.increments.size(), "the sink after the broken one gets everything: " + working.increments);
            List<String> told = log.at(Level.FINE).stream().filter(r -> r.contains("metrics sink")).toList();
            assertEquals(1, told.size(), told.toString());
        }
    }
}
