package dev.tollgate.observability.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tollgate.engine.observe.Metric;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/** The engine's pushes as Micrometer meters, read back from Micrometer's own registry. */
class MicrometerSinkTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MicrometerSink sink = new MicrometerSink(registry);

    @Test
    void eachIncrementCountsOnTheSeriesOfItsTags() {
        Map<String, String> failed = Map.of("client", "keycloak", "credential", "access-token", "outcome", "failed");
        Map<String, String> succeeded = Map.of("client", "keycloak", "credential", "access-token", "outcome", "succeeded");

        sink.increment(Metric.TOKEN_REQUESTS, failed);
        sink.increment(Metric.TOKEN_REQUESTS, failed);
        sink.increment(Metric.TOKEN_REQUESTS, succeeded);

        Counter counter = registry.get("tollgate.token.requests").tag("outcome", "failed").counter();
        assertEquals(2.0, counter.count());
        assertEquals("keycloak", counter.getId().getTag("client"));
        assertEquals("access-token", counter.getId().getTag("credential"));
        assertEquals(1.0, registry.get("tollgate.token.requests").tag("outcome", "succeeded").counter().count());
    }

    @Test
    void anEmptyTagValueIsKept() {
        sink.increment(Metric.CALLS_REFUSED, Map.of("client", "taxjar", "credential", "", "reason", "no_credential"));

        assertEquals(1.0, registry.get("tollgate.calls.refused").tags("credential", "", "reason", "no_credential").counter().count());
    }

    @Test
    void aGaugeReadsItsSupplierAtEachScrapeAndOutlivesACollection() {
        AtomicReference<Double> secondsLeft = new AtomicReference<>(300.0);
        sink.gauge(Metric.SECONDS_LEFT, Map.of("client", "taxjar", "credential", "api-token"), secondsLeft::get);
        Gauge gauge = registry.get("tollgate.credential.seconds.left").tag("client", "taxjar").gauge();
        assertEquals(300.0, gauge.value());

        secondsLeft.set(12.0);
        // the sink's supplier is referenced by nothing else: a weakly held gauge would read NaN now
        System.gc();

        assertEquals(12.0, gauge.value());
    }

    @Test
    void closingRemovesEveryMeterItRegisteredAndNoOther() {
        registry.counter("server.own.meter").increment();
        sink.increment(Metric.TOKEN_REQUESTS, Map.of("client", "keycloak", "credential", "access-token", "outcome", "failed"));
        sink.gauge(Metric.CACHED_CREDENTIALS, Map.of("client", "keycloak", "credential", "access-token"), () -> 1.0);

        sink.close();

        assertEquals(List.of("server.own.meter"), registry.getMeters().stream().map(m -> m.getId().getName()).toList());
    }

    /**
     * A renewal still running while the application stops counts after the sink closed: its meters
     * would be back in the server's registry (which outlives the application) for good, and a
     * gauge's supplier would hold the stopped engine's cache there.
     */
    @Test
    void afterClosingNothingIsRegisteredAgain() {
        registry.counter("server.own.meter").increment();
        sink.close();

        sink.increment(Metric.TOKEN_REQUESTS, Map.of("client", "keycloak", "credential", "access-token", "outcome", "succeeded"));
        sink.gauge(Metric.SECONDS_LEFT, Map.of("client", "keycloak", "credential", "access-token"), () -> 60.0);

        assertEquals(List.of("server.own.meter"), registry.getMeters().stream().map(m -> m.getId().getName()).toList());
    }

    /**
     * As WildFly's registry for a deployment: {@code counter(name, tags)} and {@code gauge(...)}
     * go to the server's registry, which its Prometheus endpoint serves, with the deployment's tag.
     */
    static final class DeploymentRegistry extends SimpleMeterRegistry {
        private final SimpleMeterRegistry server;

        DeploymentRegistry(SimpleMeterRegistry server) {
            this.server = server;
        }

        @Override
        public Counter counter(String name, Iterable<Tag> tags) {
            return server.counter(name, Tags.concat(tags, "deployment", "app.ear"));
        }

        @Override
        public <T> T gauge(String name, Iterable<Tag> tags, T state, ToDoubleFunction<T> valueFunction) {
            return server.gauge(name, Tags.concat(tags, "deployment", "app.ear"), state, valueFunction);
        }
    }

    @Test
    void aDeploymentRegistryForwardingToTheServersGetsTheMetersIntoTheServers() {
        SimpleMeterRegistry server = new SimpleMeterRegistry();
        MicrometerSink deployment = new MicrometerSink(new DeploymentRegistry(server));

        deployment.increment(Metric.COOLDOWNS, Map.of("client", "sila", "credential", "access-token"));
        deployment.gauge(Metric.CACHED_CREDENTIALS, Map.of("client", "sila", "credential", "access-token"), () -> 4.0);

        assertEquals(1.0, server.get("tollgate.cooldowns").tags("client", "sila", "deployment", "app.ear").counter().count());
        assertEquals(4.0, server.get("tollgate.credentials.cached").tags("client", "sila", "deployment", "app.ear").gauge().value());
    }
}
