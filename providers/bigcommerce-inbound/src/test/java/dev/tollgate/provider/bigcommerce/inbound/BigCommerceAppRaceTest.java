package dev.tollgate.provider.bigcommerce.inbound;

import static dev.tollgate.provider.bigcommerce.inbound.AppSetup.CLIENT;
import static dev.tollgate.provider.bigcommerce.inbound.AppSetup.CLIENT_ID;
import static dev.tollgate.provider.bigcommerce.inbound.AppSetup.NEW_STORE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.engine.TollgateEngine;
import dev.tollgate.engine.testing.EngineHarness;
import dev.tollgate.engine.testing.Eventually;
import dev.tollgate.engine.testing.StoreHarness;
import dev.tollgate.testkit.http.LoopbackServer;
import dev.tollgate.testkit.simulator.bigcommerce.AuthCallback;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two installs of one store at once (the merchant clicked twice, BigCommerce retried): BigCommerce
 * revokes a store's token when it issues the next, so the token stored last must be the one issued
 * last. The race is made to happen: the first exchange's answer is held until the second install
 * has either finished or is waiting for the first.
 */
class BigCommerceAppRaceTest {

    private final AppSetup setup = new AppSetup();
    @RegisterExtension
    final EngineHarness harness = setup.harness;
    @RegisterExtension
    final StoreHarness stores = setup.stores;

    /** The login service, reached through a relay that holds its first answer until released. */
    @Path("oauth2/token")
    public static class HoldingRelay {
        final CountDownLatch firstAnswered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        private final AtomicInteger calls = new AtomicInteger();
        private final Client client;
        private final String loginService;

        HoldingRelay(Client client, String loginService) {
            this.client = client;
            this.loginService = loginService;
        }

        @POST
        public Response token(String body) throws InterruptedException {
            String answer;
            int status;
            try (Response real = client.target(loginService).request().post(Entity.entity(body, MediaType.APPLICATION_JSON_TYPE))) {
                status = real.getStatus();
                answer = real.readEntity(String.class);
            }
            if (calls.incrementAndGet() == 1) {
                firstAnswered.countDown();
                release.await(30, TimeUnit.SECONDS); // a safety net: the test releases it
            }
            return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(answer).build();
        }
    }

    @Test
    void twoInstallsOfOneStoreAtOnceLeaveTheTokenIssuedLastStored() throws Exception {
        HoldingRelay relay = new HoldingRelay(harness.plainClient(), setup.server.url("oauth2/token"));
        LoopbackServer login = harness.serve(relay);
        TollgateEngine engine = setup.engine(setup.config().and("tollgate.bc.oauth-url", login.url("")));
        BigCommerceApp app = setup.app(engine);
        AuthCallback first = setup.merchantInstalls(NEW_STORE);
        AuthCallback second = setup.merchantInstalls(NEW_STORE);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<InstalledStore> a = threads.submit(() -> setup.install(app, first));
            assertTrue(relay.firstAnswered.await(30, TimeUnit.SECONDS), "the first exchange was answered");
            Future<InstalledStore> b = threads.submit(() -> setup.install(app, second));
            Eventually.until(() -> b.isDone() || StoreLocks.hasWaiting(CLIENT, NEW_STORE));
            relay.release.countDown();
            a.get(30, TimeUnit.SECONDS);
            b.get(30, TimeUnit.SECONDS);
        } finally {
            relay.release.countDown();
            threads.shutdownNow();
        }

        assertEquals(200, setup.catalog(engine, NEW_STORE), "the stored token is the store's current one");
        assertEquals(setup.bc.accessToken(CLIENT_ID, NEW_STORE).orElseThrow(), setup.lastToken());
    }

    @Test
    void anUninstallDuringTheInstallOfItsStoreLeavesNothingStored() throws Exception {
        HoldingRelay relay = new HoldingRelay(harness.plainClient(), setup.server.url("oauth2/token"));
        LoopbackServer login = harness.serve(relay);
        TollgateEngine engine = setup.engine(setup.config().and("tollgate.bc.oauth-url", login.url("")));
        BigCommerceApp app = setup.app(engine);
        AuthCallback install = setup.merchantInstalls(NEW_STORE);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<InstalledStore> a = threads.submit(() -> setup.install(app, install));
            assertTrue(relay.firstAnswered.await(30, TimeUnit.SECONDS), "the exchange was answered");
            // the merchant uninstalls while the install has its token but has not saved it
            String uninstalled = setup.bc.uninstall(CLIENT_ID, NEW_STORE);
            Future<SignedPayload> b = threads.submit(() -> app.uninstall(uninstalled));
            Eventually.until(() -> b.isDone() || StoreLocks.hasWaiting(CLIENT, NEW_STORE));
            relay.release.countDown();
            a.get(30, TimeUnit.SECONDS);
            assertEquals(java.util.Optional.of("store-" + NEW_STORE), b.get(30, TimeUnit.SECONDS).tenant());
        } finally {
            relay.release.countDown();
            threads.shutdownNow();
        }

        assertEquals(java.util.Map.of(), setup.stored(engine, NEW_STORE), "the uninstalled store is not stored");
    }
}
