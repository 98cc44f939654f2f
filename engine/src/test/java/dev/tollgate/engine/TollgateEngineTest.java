package dev.tollgate.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.CredentialsRejectedException;
import dev.tollgate.api.Tollgate;
import dev.tollgate.api.TollgateConfigException;
import dev.tollgate.api.UnsafeRequestException;
import dev.tollgate.engine.fake.EchoResource;
import dev.tollgate.testkit.config.TestConfig;
import dev.tollgate.testkit.http.LoopbackServer;
import dev.tollgate.testkit.http.RequestJournal;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The engine with the smallest provider, found with ServiceLoader, through a real Jersey client. */
class TollgateEngineTest {

    static final String TOKEN = "engine-test-token-6c1d9f";

    private final RequestJournal journal = new RequestJournal();
    private final EchoResource api = new EchoResource(journal, TOKEN);
    private LoopbackServer server;
    private Client client;

    @BeforeEach
    void start() {
        server = LoopbackServer.serve(api);
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        server.close();
    }

    private TestConfig shop() {
        return TestConfig.with("tollgate.shop.provider", "static-header")
                .and("tollgate.shop.base-url", server.url("api/"));
    }

    private static TollgateEngine engine(TestConfig config) {
        return TollgateEngine.builder().config(config.build()).build();
    }

    @Test
    void anUnknownProviderIdListsTheInstalledOnes() {
        TollgateEngine engine = engine(TestConfig.with("tollgate.shop.provider", "stripe"));
        TollgateConfigException e = assertThrows(TollgateConfigException.class, () -> engine.feature("shop"));
        assertEquals("client 'shop': tollgate.shop.provider names provider 'stripe', which is not installed."
                + " Installed providers: client-credentials, held-token, static-bearer, static-header, stored-bearer.", e.getMessage());
    }

    @Test
    void aClientWithoutProviderSaysWhichKeyToSet() {
        TollgateEngine engine = engine(TestConfig.with("tollgate.other.provider", "static-header"));
        TollgateConfigException e = assertThrows(TollgateConfigException.class, () -> engine.feature("shop"));
        assertTrue(e.getMessage().startsWith("client 'shop': tollgate.shop.provider is not set; set it to one of"
                + " the installed providers: client-credentials, held-token, static-bearer, static-header, stored-bearer"), e.getMessage());
    }

    @Test
    void aClientNameThatCannotBeAConfigSegmentIsRefused() {
        TollgateEngine engine = engine(shop());
        assertThrows(TollgateConfigException.class, () -> engine.feature("shop.eu"));
    }

    @Test
    void validationReportsEveryTenantsProblemAtOnce() {
        TollgateEngine engine = engine(shop()
                .and("tollgate.shop.tenants.acme.token", TOKEN)
                .and("tollgate.shop.tenants.globex.region", "eu")
                .and("tollgate.shop.tenants.initech.region", "us")
                .and("tollgate.broken.provider", "nope"));
        List<TollgateConfigException> problems = engine.validateConfiguredClients();
        assertEquals(3, problems.size(), problems.toString());
        assertTrue(problems.get(0).getMessage().contains("tollgate.broken.provider names provider 'nope'"));
        assertTrue(problems.get(1).getMessage().contains("set tollgate.shop.tenants.globex.token"));
        assertTrue(problems.get(2).getMessage().contains("set tollgate.shop.tenants.initech.token"));
        assertEquals(List.of("broken", "shop"), List.copyOf(engine.clients()));
    }

    @Test
    void thePropertyNamesAreListedOncePerEngine() {
        // some servers decrypt every secret on each listing (Payara: about a second with ten aliases)
        Config config = shop().and("tollgate.shop.token", TOKEN).and("tollgate.shop.tenants.acme.token", TOKEN)
                .and("tollgate.other.provider", "static-header").and("tollgate.other.token", TOKEN)
                .and("tollgate.other.base-url", server.url("other/")).build();
        AtomicInteger listings = new AtomicInteger();
        Config counting = (Config) Proxy.newProxyInstance(Config.class.getClassLoader(), new Class<?>[] {Config.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getPropertyNames")) {
                        listings.incrementAndGet();
                    }
                    try {
                        return method.invoke(config, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        TollgateEngine engine = TollgateEngine.builder().config(counting).build();
        assertEquals(List.of(), engine.validateConfiguredClients());
        for (int i = 0; i < 10; i++) {
            assertEquals(Set.of("acme"), engine.tenants("shop"));
        }
        assertEquals(1, listings.get());
    }

    @Test
    void aClientWithoutTenantsNeedsItsOwnCredential() {
        assertEquals(1, engine(shop()).validate("shop").size());
        assertEquals(0, engine(shop().and("tollgate.shop.token", TOKEN)).validate("shop").size());
    }

    @Test
    void theCredentialHeaderReplacesOneTheApplicationSet() {
        client = ClientBuilder.newClient().register(engine(shop().and("tollgate.shop.token", TOKEN)).feature("shop"));
        try (Response r = client.target(server.url("api/orders")).request().header("X-Static-Token", "forged").get()) {
            assertEquals(200, r.getStatus());
        }
        assertEquals(List.of(TOKEN), journal.last().headerValues("X-Static-Token"));
    }

    @Test
    void aRequestTheProviderSaysNeedsNoCredentialCarriesNone() {
        client = ClientBuilder.newClient().register(engine(shop().and("tollgate.shop.token", TOKEN)).feature("shop"));
        client.target(server.url("api/public/catalog")).request().get().close();
        assertTrue(journal.last().header("X-Static-Token").isEmpty());
    }

    @Test
    void a401DropsTheStaticCredentialSoTheNextCallReadsConfigurationAgain() {
        TollgateEngine engine = engine(shop().and("tollgate.shop.token", TOKEN));
        client = ClientBuilder.newClient().register(engine.feature("shop"));
        client.target(server.url("api/orders")).request().get().close();
        assertEquals(1, engine.cache().describe().size());

        api.accept("rotated-elsewhere");
        CredentialsRejectedException e = assertThrows(CredentialsRejectedException.class,
                () -> client.target(server.url("api/orders")).request().get());
        assertEquals(401, e.status());
        assertEquals("bad token ****1d9f", e.vendorDetail().orElseThrow(), "the vendor's echo of the token was passed on");
        assertFalse(e.getMessage().contains(TOKEN), e.getMessage());
        assertEquals(List.of(), engine.cache().describe(), "the rejected token is still cached");
        assertEquals(2, journal.count(), "a 401 on a static credential must not be retried");

        assertThrows(CredentialsRejectedException.class, () -> client.target(server.url("api/orders")).request().get());
        assertEquals(2, engine.cache().fetchCount(), "the configuration was not read again after the 401");
    }

    @Test
    void theTenantPropertyMustBeAValidName() {
        client = ClientBuilder.newClient().register(engine(shop().and("tollgate.shop.token", TOKEN)).feature("shop"));
        assertThrows(UnsafeRequestException.class, () -> client.target(server.url("api/orders")).request()
                .property(Tollgate.TENANT_PROPERTY, "../etc").get());
        assertEquals(0, journal.count());
    }

    @Test
    void withoutCdiTheStandaloneEngineFollowsTheRegisteredConfig() {
        ConfigProviderResolver resolver = ConfigProviderResolver.instance();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        Config first = shop().and("tollgate.shop.token", TOKEN).build();
        Config second = shop().and("tollgate.shop.token", TOKEN).build();
        try {
            resolver.releaseConfig(resolver.getConfig(loader));
            resolver.registerConfig(first, loader);
            TollgateEngine engine = EngineLocator.current();
            assertSame(engine, EngineLocator.current(), "one engine, one cache, per configuration");
            resolver.releaseConfig(first);
            resolver.registerConfig(second, loader);
            assertNotSame(engine, EngineLocator.current());
            client = ClientBuilder.newClient().register(Tollgate.feature("shop"));
            assertEquals(200, client.target(server.url("api/orders")).request().get().getStatus());
        } finally {
            resolver.releaseConfig(second);
        }
    }

    @Test
    void perTenantSettingsStayWithinTheCacheBoundToo() {
        String tenants = java.util.stream.IntStream.range(0, 20_000).mapToObj(t -> "tenant-" + t)
                .collect(java.util.stream.Collectors.joining(","));
        TollgateEngine engine = TollgateEngine.builder().config(shop().and("tollgate.shop.tenant-required", "false")
                        .and("tollgate.shop.tenants", tenants).build())
                .maxCachedCredentials(500).build();
        engine.feature("shop");
        for (int tenant = 0; tenant < 20_000; tenant++) {
            engine.settings("shop", "tenant-" + tenant);
        }
        assertTrue(engine.bound("shop").cachedTenantSettings() <= 500);
    }
}
