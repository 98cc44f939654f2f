package dev.tollgate.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.CredentialsRejectedException;
import dev.tollgate.api.Tollgate;
import dev.tollgate.api.TollgateConfigException;
import dev.tollgate.api.UnsafeRequestException;
import dev.tollgate.engine.fake.EchoResource;
import dev.tollgate.engine.fake.RedirectResource;
import dev.tollgate.testkit.config.TestConfig;
import dev.tollgate.testkit.http.LoopbackServer;
import dev.tollgate.testkit.http.RequestJournal;
import dev.tollgate.testkit.jaxrs.RequestStub;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Promises of the engine that no provider can break: tenants whose secrets come from environment
 * variables stay apart, credentials never follow a redirect, and only a request that can be sent
 * twice is repeated after a 401.
 */
class EngineGuaranteesTest {

    static final String ACME_EU_TOKEN = "acme-eu-token-3f9a1c";
    static final String ACME_UNDERSCORE_TOKEN = "acme-us-token-77b2e0";

    private final RequestJournal journal = new RequestJournal();
    private final RequestJournal elsewhereJournal = new RequestJournal();
    private LoopbackServer server;
    private LoopbackServer elsewhere;
    private Client client;

    @BeforeEach
    void start() {
        elsewhere = LoopbackServer.serve(new EchoResource(elsewhereJournal, "none"));
        server = LoopbackServer.serve(new EchoResource(journal, ACME_EU_TOKEN),
                new RedirectResource(URI.create(elsewhere.url("api/collect"))));
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        server.close();
        elsewhere.close();
    }

    private TestConfig shop() {
        return TestConfig.with("tollgate.shop.provider", "static-header")
                .and("tollgate.shop.base-url", server.url("api/"));
    }

    private Response get(String path, String tenant) {
        return client.target(server.url(path)).request().property(Tollgate.TENANT_PROPERTY, tenant).get();
    }

    // case 3: tenants whose secrets come from environment variables

    @Test
    void listedTenantsAreTheOnlyOnesAndNoOtherSpellingReachesTheirSecrets() {
        TollgateEngine engine = TollgateEngine.builder().config(shop()
                .and("tollgate.shop.tenants", "acme-eu")
                .environment("TOLLGATE_SHOP_TENANTS_ACME_EU_TOKEN", ACME_EU_TOKEN).build()).build();
        assertEquals(List.of(), engine.validate("shop"), "README's advice followed: no invented tenant");
        client = ClientBuilder.newClient().register(engine.feature("shop"));

        try (Response ok = get("api/orders", "acme-eu")) {
            assertEquals(200, ok.getStatus());
        }
        for (String other : List.of("acme_eu", "ACME-EU", "acme")) {
            UnsafeRequestException e = assertThrows(UnsafeRequestException.class, () -> get("api/orders", other).close(), other);
            assertTrue(e.getMessage().contains("tollgate.shop.tenants"), e.getMessage());
        }
        assertEquals(1, journal.count(), "a request for an unlisted tenant left the JVM");
    }

    @Test
    void twoListedTenantsThatReadTheSameEnvironmentVariablesAreADeploymentError() {
        TollgateEngine engine = TollgateEngine.builder().config(shop()
                .and("tollgate.shop.tenants", "acme-eu,acme_eu")
                .environment("TOLLGATE_SHOP_TENANTS_ACME_EU_TOKEN", ACME_EU_TOKEN).build()).build();
        List<TollgateConfigException> problems = engine.validate("shop");
        assertEquals(1, problems.size(), String.valueOf(problems));
        assertTrue(problems.get(0).getMessage().contains("'acme-eu' and 'acme_eu'"), problems.get(0).getMessage());
        assertTrue(problems.get(0).getMessage().contains("tollgate.shop.tenants"), problems.get(0).getMessage());
    }

    // case 5: a request property cannot make credentials follow a redirect

    @Test
    void aRequestThatAsksToFollowRedirectsStillStopsAtTheRedirect() {
        client = ClientBuilder.newClient().register(TollgateEngine.builder().config(shop()
                .and("tollgate.shop.token", ACME_EU_TOKEN).build()).build().feature("shop"));
        try (Response response = client.target(server.url("hop")).request()
                .property(RedirectPolicy.JERSEY_FOLLOW_REDIRECTS, true).get()) {
            assertEquals(302, response.getStatus(), "the redirect was followed");
        }
        assertEquals(0, elsewhereJournal.count(), "the credential followed a redirect to another origin");
    }

    // found in review: a vendor that quotes the refused token cut short

    @Test
    void aRefusalThatQuotesTheTokenCutShortShowsNoPieceOfIt() {
        client = ClientBuilder.newClient().register(TollgateEngine.builder().config(shop()
                .and("tollgate.shop.token", "a-token-nobody-accepts-9d2e41").build()).build().feature("shop"));
        CredentialsRejectedException e = assertThrows(CredentialsRejectedException.class,
                () -> client.target(server.url("api/quoted-short/orders")).request().get().close());
        assertFalse(e.getMessage().contains("a-token-nobody-accepts"), e.getMessage());
        assertFalse(e.vendorDetail().orElseThrow().contains("nobody-accepts"), e.vendorDetail().orElseThrow());
    }

    // suspected (b): a multipart body whose parts are streams is not sent twice

    @Test
    void aMultipartBodyOfStreamsIsNotRepeatable() throws Exception {
        RequestStub request = new RequestStub().reset(URI.create(server.url("api/upload")));
        // a part as an application holds it: its content is a stream (no implementation's builder needed)
        EntityPart part = (EntityPart) Proxy.newProxyInstance(EntityPart.class.getClassLoader(), new Class<?>[] {EntityPart.class},
                (proxy, method, args) -> method.getName().equals("getContent") ? new ByteArrayInputStream(new byte[] {1, 2, 3}) : null);
        request.setEntity(List.of(part));
        assertFalse(RequestReplay.isRepeatable(request), "a list of entity parts reads its streams once");
        request.setEntity(new ByteArrayInputStream(new byte[] {1}));
        assertFalse(RequestReplay.isRepeatable(request));
        request.setEntity("{\"order\": 1}");
        assertTrue(RequestReplay.isRepeatable(request), "a string is written again as it is");
    }
}
