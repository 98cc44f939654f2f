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

    /** A client whose second token request hangs until {@code release}; {@code obtained} counts them. */
    private static TollgateEngine engine(MutableClock clock, CountDownLatch release, AtomicInteger obtained) {
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
        List<CredentialSource> always = List.of(slow);
        AuthProvider provider = new AuthProvider() {
            @Override
            public String id() {
                return "slow";
            }

            @Override
            public ClientProtocol bind(TenantSettings clientSettings) {
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
        return TollgateEngine.builder()
                .config(TestConfig.with("tollgate.api.provider", "slow").and("tollgate.api.base-url", "https://api.example.com/")
                        .and("tollgate.api.refresh-before", "PT10M").build())
                .providers(List.of(provider)).clock(clock).build();
    }

    /**
     * {p99 steady, p99 during a held refresh}, in nanoseconds: two clients of the same code, one
     * steady and one whose refresh hangs, measured in alternate rounds so that both see the same
     * compiled code and the same load of the machine.
     */
    static long[] p99s() {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger steadyFetches = new AtomicInteger();
        AtomicInteger hangingFetches = new AtomicInteger();
        MutableClock hangingClock = MutableClock.startingAt("2026-11-22T10:00:00Z");
        TollgateEngine steady = engine(MutableClock.startingAt("2026-11-22T10:00:00Z"), release, steadyFetches);
        TollgateEngine hanging = engine(hangingClock, release, hangingFetches);
        try {
            URI target = URI.create("https://api.example.com/v1/things");
            List<ClientRequestFilter> steadyFilters = FilterCapture.requestFilters(steady.feature("api"));
            QuietRequest steadyRequest = new QuietRequest(FilterCapture.clientProperties(steady.feature("api")));
            List<ClientRequestFilter> hangingFilters = FilterCapture.requestFilters(hanging.feature("api"));
            QuietRequest hangingRequest = new QuietRequest(FilterCapture.clientProperties(hanging.feature("api")));
            for (int i = 0; i < 3; i++) { // warm-up: both compiled before anything counts
                measure(steadyFilters, steadyRequest, target);
                measure(hangingFilters, hangingRequest, target);
            }
            hangingClock.advance(Duration.ofMinutes(55)); // stale: the next call starts the refresh, which hangs
            measure(hangingFilters, hangingRequest, target);
            long[] steadyP99s = new long[ROUNDS];
            long[] hangingP99s = new long[ROUNDS];
            for (int i = 0; i < ROUNDS; i++) {
                steadyP99s[i] = measure(steadyFilters, steadyRequest, target);
                hangingP99s[i] = measure(hangingFilters, hangingRequest, target);
            }
            if (hangingFetches.get() != 2 || steadyFetches.get() != 1) {
                throw new IllegalStateException("the refresh did not hang during the measurement, or the steady client refreshed");
            }
            return new long[] {median(steadyP99s), median(hangingP99s)};
        } finally {
            release.countDown();
            steady.close();
            hanging.close();
        }
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
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
