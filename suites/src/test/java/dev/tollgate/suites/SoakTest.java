package dev.tollgate.suites;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import dev.tollgate.testkit.jaxrs.RequestStub;
import dev.tollgate.testkit.time.MutableClock;
import jakarta.ws.rs.client.ClientRequestFilter;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A million calls from 64 threads through Tollgate's filters while a moving clock expires a
 * 1-second token again and again: every call must carry a token, none an expired one, and the
 * token endpoint is asked about once per refresh interval, not per call.
 */
class SoakTest {

    private static final int CALLS = 1_000_000;
    private static final int THREADS = 64;
    private static final Duration LIFETIME = Duration.ofSeconds(1);
    /** The clock moves this much every 1,000 calls: a million calls span 10 simulated seconds. */
    private static final Duration STEP = Duration.ofMillis(10);

    private final MutableClock clock = MutableClock.startingAt("2026-11-22T10:00:00Z");
    private final AtomicInteger tokenRequests = new AtomicInteger();

    /** A token endpoint inside the JVM: each token says when it expires, so a call can check it. */
    private final class Minting extends BearerTokenSource {
        @Override
        public Credential obtain(TokenContext context) {
            tokenRequests.incrementAndGet();
            Instant expiry = context.clock().instant().plus(LIFETIME);
            return Credential.expiring(Secret.of("tok-" + expiry.toEpochMilli()), expiry);
        }
    }

    private final class MintingProvider implements AuthProvider {
        @Override
        public String id() {
            return "minting";
        }

        @Override
        public ClientProtocol bind(TenantSettings clientSettings) {
            List<CredentialSource> token = List.of(new Minting());
            return new ClientProtocol() {
                @Override
                public List<CredentialSource> credentialsFor(OutgoingRequest request) {
                    return token;
                }

                @Override
                public void validate(TenantSettings settings) {
                }
            };
        }
    }

    @Test
    void aMillionCallsOnAMovingClockAlwaysCarryAValidToken() throws Exception {
        TollgateEngine engine = TollgateEngine.builder()
                .config(TestConfig.with("tollgate.soak.provider", "minting").and("tollgate.soak.base-url", "https://api.example.com/").build())
                .providers(List.of(new MintingProvider())).clock(clock).build();
        List<ClientRequestFilter> filters = FilterCapture.requestFilters(engine.feature("soak"));
        Map<String, Object> clientProperties = FilterCapture.clientProperties(engine.feature("soak"));
        URI target = URI.create("https://api.example.com/v1/things");
        AtomicLong done = new AtomicLong();
        AtomicLong withoutToken = new AtomicLong();
        AtomicLong expired = new AtomicLong();
        Instant start = clock.instant();

        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                workers.add(pool.submit(() -> {
                    RequestStub request = new RequestStub(clientProperties);
                    while (true) {
                        long n = done.incrementAndGet();
                        if (n > CALLS) {
                            return null;
                        }
                        if (n % 1000 == 0) {
                            clock.advance(STEP);
                        }
                        long before = clock.millis();
                        request.reset(target);
                        for (ClientRequestFilter filter : filters) {
                            filter.filter(request);
                        }
                        String authorization = request.getHeaderString("Authorization");
                        if (authorization == null || !authorization.startsWith("Bearer tok-")) {
                            withoutToken.incrementAndGet();
                        } else if (Long.parseLong(authorization.substring("Bearer tok-".length())) <= before) {
                            expired.incrementAndGet();
                        }
                    }
                }));
            }
            for (Future<?> worker : workers) {
                worker.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
            engine.close();
        }
        double elapsed = Duration.between(start, clock.instant()).toMillis() / 1000.0;
        // a token turns stale at half its 1-second life: about two requests per simulated second
        double perLifetime = elapsed / LIFETIME.toSeconds();
        System.out.printf("soak: %,d calls, %d threads, %.1f s simulated, %d token requests (%.1f per token lifetime),"
                + " %d without a token, %d with an expired token%n", CALLS, THREADS, elapsed, tokenRequests.get(),
                tokenRequests.get() / perLifetime, withoutToken.get(), expired.get());
        assertEquals(0, withoutToken.get());
        assertEquals(0, expired.get());
        assertTrue(tokenRequests.get() >= perLifetime && tokenRequests.get() <= 2 * perLifetime + 2,
                tokenRequests.get() + " token requests for " + elapsed + " s");
    }

}
