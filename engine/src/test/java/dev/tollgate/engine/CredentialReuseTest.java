package dev.tollgate.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.Tollgate;
import dev.tollgate.engine.fake.StaticHeaderProvider;
import dev.tollgate.spi.AuthProvider;
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
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A tenant reuses the credential it attached last while the cache would serve it as it is: never
 * past the moment the cache would renew it, and without changing which entries eviction keeps.
 */
class CredentialReuseTest {

    private static final URI BASE = URI.create("https://api.example.com/v1/");

    private final MutableClock clock = MutableClock.startingAt("2026-12-04T10:00:00Z");

    private static String send(List<ClientRequestFilter> filters, RequestStub request, String tenant) throws IOException {
        request.reset(BASE.resolve("things")).setProperty(Tollgate.TENANT_PROPERTY, tenant);
        for (ClientRequestFilter filter : filters) {
            filter.filter(request);
        }
        return String.valueOf(request.getHeaderString("X-Token"));
    }

    /** Tokens living one hour, numbered in the order issued. */
    private static AuthProvider expiringTokens(AtomicInteger issued) {
        CredentialSource source = new CredentialSource() {
            @Override
            public String name() {
                return "access-token";
            }

            @Override
            public boolean isStatic() {
                return false;
            }

            @Override
            public Credential obtain(TokenContext context) {
                return Credential.expiring(Secret.of("token-" + issued.incrementAndGet() + "-5f0e9c2a"),
                        context.clock().instant().plus(Duration.ofHours(1)));
            }

            @Override
            public Map<String, String> headers(Credential credential) {
                return Map.of("X-Token", credential.value().reveal());
            }
        };
        List<CredentialSource> always = List.of(source);
        return new AuthProvider() {
            @Override
            public String id() {
                return "expiring";
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
    }

    @Test
    void aReusedCredentialIsNotServedPastTheMomentTheCacheWouldRenewIt() throws IOException {
        AtomicInteger issued = new AtomicInteger();
        TollgateEngine engine = TollgateEngine.builder()
                .config(TestConfig.with("tollgate.api.provider", "expiring").and("tollgate.api.base-url", BASE.toString())
                        .and("tollgate.api.tenant-required", "false").and("tollgate.api.refresh-before", "PT10M").build())
                .providers(List.of(expiringTokens(issued))).clock(clock)
                .executor(Runnable::run) // the background refresh completes before the call returns
                .build();
        try {
            List<ClientRequestFilter> filters = FilterCapture.requestFilters(engine.feature("api"));
            RequestStub request = new RequestStub(FilterCapture.clientProperties(engine.feature("api")));
            assertEquals("token-1-5f0e9c2a", send(filters, request, null));
            assertEquals("token-1-5f0e9c2a", send(filters, request, null));
            assertEquals(1, issued.get(), "a fresh credential was fetched again");

            clock.advance(Duration.ofMinutes(50)); // stale: still served, and renewed in the background
            assertEquals("token-1-5f0e9c2a", send(filters, request, null));
            assertEquals(2, issued.get(), "the stale credential was reused without a refresh");
            assertEquals("token-2-5f0e9c2a", send(filters, request, null));

            clock.advance(Duration.ofHours(2)); // expired: never sent again
            assertEquals("token-3-5f0e9c2a", send(filters, request, null));
        } finally {
            engine.close();
        }
    }

    @Test
    void aConfiguredTokenUsedLatelyIsKeptWhenTheCacheIsFull() throws IOException {
        TestConfig config = TestConfig.with("tollgate.shop.provider", StaticHeaderProvider.ID)
                .and("tollgate.shop.base-url", BASE.toString());
        for (int i = 0; i <= 10; i++) {
            config.and("tollgate.shop.tenants.t" + i + ".token", "token-of-t" + i + "-0123");
        }
        TollgateEngine engine = TollgateEngine.builder().config(config.build()).clock(clock).maxCachedCredentials(10).build();
        try {
            List<ClientRequestFilter> filters = FilterCapture.requestFilters(engine.feature("shop"));
            RequestStub request = new RequestStub(FilterCapture.clientProperties(engine.feature("shop")));
            sendStatic(filters, request, "t0"); // the oldest entry...
            clock.advance(Duration.ofSeconds(5));
            for (int i = 1; i < 10; i++) {
                sendStatic(filters, request, "t" + i);
            }
            clock.advance(Duration.ofSeconds(5));
            sendStatic(filters, request, "t0"); // ...is now the most recently used
            clock.advance(Duration.ofSeconds(5));
            sendStatic(filters, request, "t10"); // the cache is full: the least recently used go

            List<String> kept = engine.cache().entries().stream().map(CacheEntry::tenant).toList();
            assertEquals(9, kept.size(), kept.toString());
            assertTrue(kept.contains("t0"), "the most recently used token was evicted: " + kept);
        } finally {
            engine.close();
        }
    }

    @Test
    void aProtocolThatSaysItsCredentialsOnceIsNotAskedPerRequestAndOneThatLooksIsAskedEachTime() throws IOException {
        AtomicInteger asked = new AtomicInteger();
        CredentialSource token = new CredentialSource() {
            @Override
            public String name() {
                return "token";
            }

            @Override
            public boolean isStatic() {
                return true;
            }

            @Override
            public Credential obtain(TokenContext context) {
                return Credential.permanent(Secret.of("a-configured-token-77"));
            }

            @Override
            public Map<String, String> headers(Credential credential) {
                return Map.of("X-Token", credential.value().reveal());
            }
        };
        AtomicInteger askedAnyway = new AtomicInteger();
        ClientProtocol saysOnce = new ClientProtocol() {
            @Override
            public List<CredentialSource> credentialsFor(OutgoingRequest request) {
                askedAnyway.incrementAndGet();
                return List.of(token);
            }

            @Override
            public Optional<List<CredentialSource>> credentialsForEveryRequest() {
                return Optional.of(List.of(token));
            }

            @Override
            public void validate(TenantSettings settings) {
            }
        };
        ClientProtocol looking = lookingAtEachRequest(request -> {
            asked.incrementAndGet();
            return List.of(token);
        });
        assertTrue(ClientProtocol.always(token).credentialsForEveryRequest().isPresent());
        assertTrue(ClientProtocol.always(token).exceptPaths("token"::equals).credentialsForEveryRequest().isEmpty(),
                "a protocol that looks at the path said it does not");
        for (ClientProtocol protocol : List.of(saysOnce, looking)) {
            TollgateEngine engine = TollgateEngine.builder()
                    .config(TestConfig.with("tollgate.api.provider", "p").and("tollgate.api.base-url", BASE.toString()).build())
                    .providers(List.of(new AuthProvider() {
                        @Override
                        public String id() {
                            return "p";
                        }

                        @Override
                        public ClientProtocol bind(TenantSettings clientSettings) {
                            return protocol;
                        }
                    })).build();
            try {
                List<ClientRequestFilter> filters = FilterCapture.requestFilters(engine.feature("api"));
                RequestStub request = new RequestStub(FilterCapture.clientProperties(engine.feature("api")));
                for (int i = 0; i < 3; i++) {
                    assertEquals("a-configured-token-77", send(filters, request, null));
                }
            } finally {
                engine.close();
            }
        }
        assertEquals(0, askedAnyway.get(), "the engine asked per request a protocol that said its credentials once");
        assertEquals(3, asked.get(), "a protocol that looks at each request must be asked for each");
    }

    @Test
    void aSourceWhoseCacheKeyChangedNeverGetsTheCredentialOfItsFormerKey() throws IOException {
        AtomicReference<String> shopper = new AtomicReference<>("alice");
        CredentialSource perShopper = new CredentialSource() {
            @Override
            public String name() {
                return "shopper-token";
            }

            @Override
            public String cacheKey() {
                return name() + "/" + shopper.get(); // a provider that breaks the stateless rule
            }

            @Override
            public boolean isStatic() {
                return true;
            }

            @Override
            public Credential obtain(TokenContext context) {
                return Credential.permanent(Secret.of("token-of-" + shopper.get() + "-4d1f"));
            }

            @Override
            public Map<String, String> headers(Credential credential) {
                return Map.of("X-Token", credential.value().reveal());
            }
        };
        List<CredentialSource> always = List.of(perShopper);
        TollgateEngine engine = TollgateEngine.builder()
                .config(TestConfig.with("tollgate.api.provider", "p").and("tollgate.api.base-url", BASE.toString()).build())
                .providers(List.of(new AuthProvider() {
                    @Override
                    public String id() {
                        return "p";
                    }

                    @Override
                    public ClientProtocol bind(TenantSettings clientSettings) {
                        return lookingAtEachRequest(request -> always);
                    }
                })).build();
        try {
            List<ClientRequestFilter> filters = FilterCapture.requestFilters(engine.feature("api"));
            RequestStub request = new RequestStub(FilterCapture.clientProperties(engine.feature("api")));
            assertEquals("token-of-alice-4d1f", send(filters, request, null));
            shopper.set("bob");
            assertEquals("token-of-bob-4d1f", send(filters, request, null), "bob got alice's credential");
        } finally {
            engine.close();
        }
    }

    /**
     * A closed engine never serves a credential again, so it keeps none: an application that
     * holds on to a client built with its feature (a static field, a leaked class loader) must
     * not keep the secrets reachable through the cache or a tenant's last attached credential.
     */
    @Test
    void aClosedEngineKeepsNoCredentialReachable() throws IOException {
        TollgateEngine engine = TollgateEngine.builder().config(TestConfig.with("tollgate.shop.provider", StaticHeaderProvider.ID)
                .and("tollgate.shop.base-url", BASE.toString()).and("tollgate.shop.tenants.t0.token", "token-of-t0-0123")
                .build()).clock(clock).build();
        var feature = engine.feature("shop");
        List<ClientRequestFilter> filters = FilterCapture.requestFilters(feature);
        WeakReference<CachedCredential> attached = attachedBy(filters, FilterCapture.clientProperties(feature));
        engine.close();
        for (int i = 0; i < 50 && attached.get() != null; i++) {
            System.gc(); // a safety net: one collection nearly always suffices
        }
        assertNull(attached.get(), "the closed engine still holds the credential");
        assertEquals(0, engine.cache().size());
        assertEquals(1, filters.size(), "the client's filters were dropped: the test proves nothing");
    }

    private static WeakReference<CachedCredential> attachedBy(List<ClientRequestFilter> filters, Map<String, Object> properties)
            throws IOException {
        RequestStub request = new RequestStub(properties);
        sendStatic(filters, request, "t0");
        return new WeakReference<>(AttachedCredential.on(request).get(0).cached());
    }

    private static void sendStatic(List<ClientRequestFilter> filters, RequestStub request, String tenant) throws IOException {
        request.reset(BASE.resolve("things")).setProperty(Tollgate.TENANT_PROPERTY, tenant);
        for (ClientRequestFilter filter : filters) {
            filter.filter(request);
        }
        assertEquals("token-of-" + tenant + "-0123", request.getHeaderString("X-Static-Token"));
    }

    /** A hand-written protocol that answers per request and checks nothing at deployment. */
    private static ClientProtocol lookingAtEachRequest(java.util.function.Function<OutgoingRequest, List<CredentialSource>> answer) {
        return new ClientProtocol() {
            @Override
            public List<CredentialSource> credentialsFor(OutgoingRequest request) {
                return answer.apply(request);
            }

            @Override
            public void validate(TenantSettings settings) {
            }
        };
    }
}
