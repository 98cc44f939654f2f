package dev.tollgate.engine.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.CredentialsRejectedException;
import dev.tollgate.api.Tollgate;
import dev.tollgate.api.TollgateConfigException;
import dev.tollgate.api.TollgateException;
import dev.tollgate.api.UnsafeRequestException;
import dev.tollgate.engine.TollgateEngine;
import dev.tollgate.testkit.config.TestConfig;
import dev.tollgate.testkit.http.LoopbackServer;
import dev.tollgate.testkit.http.RequestJournal;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The one-class provider of README's "Writing a provider" gets everything else from the engine:
 * per-merchant keys without fallback, deployment checks naming the key, a final 401, tenants required.
 */
class OneClassProviderTest {

    private static final String ACME_KEY = "acme-live-key-4f9a61c2";
    private static final String GLOBEX_KEY = "globex-live-key-93be07d5";

    private final RequestJournal journal = new RequestJournal();
    private final LoopbackServer server = LoopbackServer.serve(new AcmeApi(journal, Set.of(ACME_KEY, GLOBEX_KEY)));
    private TollgateEngine engine;
    private Client client;

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (engine != null) {
            engine.close();
        }
        server.close();
    }

    private Client client(TestConfig config) {
        engine = TollgateEngine.builder().config(config.build()).providers(List.of(new AcmeProvider())).build();
        client = ClientBuilder.newClient().register(engine.feature("acme"));
        return client;
    }

    private TestConfig merchants() {
        return TestConfig.with("tollgate.acme.provider", "acme")
                .and("tollgate.acme.base-url", server.url("v1/"))
                .and("tollgate.acme.tenants.acme.api-key", ACME_KEY)
                .and("tollgate.acme.tenants.globex.api-key", GLOBEX_KEY);
    }

    private Response orders(String merchant) {
        return client.target(server.url("v1/orders")).request().property(Tollgate.TENANT_PROPERTY, merchant).get();
    }

    @Test
    void eachMerchantsCallCarriesThatMerchantsKey() {
        client(merchants());
        for (String merchant : List.of("acme", "globex", "acme")) {
            try (Response r = orders(merchant)) {
                assertEquals(200, r.getStatus());
            }
        }
        assertEquals(List.of("Bearer " + ACME_KEY, "Bearer " + GLOBEX_KEY, "Bearer " + ACME_KEY),
                journal.requests().stream().map(r -> r.header("Authorization").orElse(null)).toList());
    }

    @Test
    void deploymentNamesTheMerchantWhoseKeyIsMissingAndNeverFallsBackToTheClients() {
        TollgateEngine checked = TollgateEngine.builder().providers(List.of(new AcmeProvider()))
                .config(merchants().and("tollgate.acme.api-key", ACME_KEY)
                        .and("tollgate.acme.tenants.initech.region", "eu").build()).build();
        List<TollgateConfigException> problems = checked.validateConfiguredClients();
        checked.close();
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).getMessage().contains("set tollgate.acme.tenants.initech.api-key"), problems.get(0).getMessage());
    }

    @Test
    void aRefusedKeyFailsOnceWithoutARepeatAndNamesTheKeyToFix() {
        client(merchants().and("tollgate.acme.tenants.globex.api-key", "revoked-key-0b1c"));
        ProcessingException e = assertThrows(ProcessingException.class, () -> orders("globex").close());
        TollgateException tollgate = TollgateException.in(e).orElseThrow(() -> e);
        assertTrue(tollgate instanceof CredentialsRejectedException, tollgate.toString());
        assertTrue(tollgate.getMessage().contains("tollgate.acme.tenants.globex."), tollgate.getMessage());
        assertEquals(1, journal.count(), "a configured key is not fetched again and the request not repeated");
    }

    @Test
    void aCallWithoutAMerchantSendsNothing() {
        client(merchants());
        ProcessingException e = assertThrows(ProcessingException.class,
                () -> client.target(server.url("v1/orders")).request().get().close());
        assertTrue(TollgateException.in(e).orElseThrow(() -> e) instanceof UnsafeRequestException, e.toString());
        assertEquals(0, journal.count());
    }
}
