package dev.tollgate.benchmarks;

import dev.tollgate.engine.TollgateEngine;
import dev.tollgate.spi.AuthProvider;
import dev.tollgate.spi.BearerTokenSource;
import dev.tollgate.spi.ClientProtocol;
import dev.tollgate.spi.Credential;
import dev.tollgate.spi.CredentialSource;
import dev.tollgate.spi.OutgoingRequest;
import dev.tollgate.spi.Secret;
import dev.tollgate.spi.TenantSettings;
import dev.tollgate.spi.TokenContext;
import dev.tollgate.testkit.config.TestConfig;
import dev.tollgate.testkit.jaxrs.FilterCapture;
import dev.tollgate.testkit.time.MutableClock;
import jakarta.ws.rs.client.ClientRequestFilter;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * p99 of the warm path while nothing happens, and while a refresh of the same token hangs at a
 * slow token endpoint (the stale window): callers should not notice the refresh. Latency
 * percentiles are what JMH's average hides, so this is measured with System.nanoTime over many calls.
 */
final class RefreshLatency {

    private static final int CALLS = 200_000;
    /** p99 of one round is noisy on 2 cores (GC, the other core's work): the median of several is kept. */
    private static final int ROUNDS = 7;

    private RefreshLatency() {
    }

    /** {p99 steady, p99 during a held refresh}, in nanoseconds. */
    static long[] p99s() throws IOException {
        MutableClock clock = MutableClock.startingAt("2026-11-22T10:00:00Z");
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger obtained = new AtomicInteger();
        CredentialSource slow = new BearerTokenSource() {
            @Override
            public Credential obtain(TokenContext context) {
                if (obtained.incrementAndGet() > 1) {
                    try {
                        release.await(); // the refresh hangs until measured
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return Credential.expiring(Secret.of("token-" + obtained.get() + "-0123456789abcdef"),
                        context.clock().instant().plus(Duration.ofHours(1)));
            }
        };
        AuthProvider provider = new AuthProvider() {
            @Override
            public String id() {
                return "slow";
            }

            @Override
            public ClientProtocol bind(TenantSettings clientSettings) {
                List<CredentialSource> always = List.of(slow);
                return new ClientProtocol() {
                    @Override
                    public List<CredentialSource> credentialsFor(OutgoingRequest request) {
                        return always;
                    }

                    @Override
                    public void validate(TenantSettings settings) {
                    }
                };
            }
        };
        TollgateEngine engine = TollgateEngine.builder()
                .config(TestConfig.with("tollgate.api.provider", "slow").and("tollgate.api.base-url", "https://api.example.com/")
                        .and("tollgate.api.refresh-before", "PT10M").build())
                .providers(List.of(provider)).clock(clock).build();
        try {
            List<ClientRequestFilter> filters = FilterCapture.requestFilters(engine.feature("api"));
            URI target = URI.create("https://api.example.com/v1/things");
            QuietRequest request = new QuietRequest(FilterCapture.clientProperties(engine.feature("api")));
            measure(filters, request, target); // warm-up
            long steady = medianOf(ROUNDS, () -> measure(filters, request, target));
            clock.advance(Duration.ofMinutes(55)); // stale: the next call starts the refresh, which hangs
            measure(filters, request, target); // warm-up of the stale path, the refresh hanging all along
            long duringRefresh = medianOf(ROUNDS, () -> measure(filters, request, target));
            if (obtained.get() != 2) {
                throw new IllegalStateException("the refresh did not start during the measurement");
            }
            return new long[] {steady, duringRefresh};
        } finally {
            release.countDown();
            engine.close();
        }
    }

    private static long medianOf(int rounds, java.util.function.LongSupplier round) {
        long[] p99s = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            p99s[i] = round.getAsLong();
        }
        Arrays.sort(p99s);
        return p99s[rounds / 2];
    }

    private static long measure(List<ClientRequestFilter> filters, QuietRequest request, URI target) {
        long[] nanos = new long[CALLS];
        for (int i = 0; i < CALLS; i++) {
            long start = System.nanoTime();
            Fixtures.apply(filters, request.reset(target));
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        return nanos[(int) (CALLS * 0.99)];
    }
}
