package dev.tollgate.provider.oauth2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.TollgateConfigException;
import dev.tollgate.api.TollgateException;
import dev.tollgate.api.Tollgate;
import dev.tollgate.engine.testing.EngineHarness;
import dev.tollgate.engine.testing.OAuth2Loopback;
import dev.tollgate.testkit.config.TestConfig;
import jakarta.ws.rs.client.Client;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * private_key_jwt's key is read for each token request: what a call says when the file was
 * replaced by a broken one or deleted while the application runs, and that it recovers once the
 * file is mended; and 64 tenants' assertions made at once never share a jti.
 */
class AssertionKeyFileHostileTest {

    @RegisterExtension
    final EngineHarness harness = new EngineHarness();
    private final OAuth2Loopback oauth2 = harness.oauth2();

    @TempDir
    Path dir;

    @BeforeEach
    void register() {
        AssertionKeys.register(oauth2);
    }

    /** Past the 5-minute access token and any cooldown: the next call makes a token request. */
    private void later() {
        harness.clock.advance(Duration.ofHours(2));
    }

    @Test
    void aKeyFileBrokenOrDeletedWhileRunningFailsTheCallNamingTheKeyAndNothingIsSentUntilItIsMended() throws Exception {
        Path pem = AssertionKeys.pem(dir, AssertionKeys.RSA, AssertionKeys.RSA_CERTIFICATE);
        Path good = Files.copy(pem, dir.resolve("good.copy"));
        Client client = harness.client(harness.engine(AssertionKeys.privateKeyJwt(oauth2, AssertionKeys.RSA_CLIENT, pem)),
                OAuth2Loopback.CLIENT);
        assertEquals(200, oauth2.call(client));
        int requests = oauth2.simulator().tokenRequests();

        Files.writeString(pem, "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"); // a half-written copy
        later();
        TollgateException broken = assertThrows(TollgateException.class, () -> oauth2.call(client));
        assertTrue(broken.getMessage().contains("tollgate.api.signing-key-store"), broken.getMessage());

        Files.delete(pem);
        later();
        TollgateException deleted = assertThrows(TollgateException.class, () -> oauth2.call(client));
        assertTrue(deleted.getMessage().contains("tollgate.api.signing-key-store names no file this server can read"),
                deleted.getMessage());
        assertEquals(requests, oauth2.simulator().tokenRequests(), "nothing sent without a key");

        Files.copy(good, pem, StandardCopyOption.REPLACE_EXISTING);
        later();
        assertEquals(200, oauth2.call(client), "the mended file is used from the next token request on");
    }

    @Test
    void sixtyFourTenantsAtOnceGetAssertionsThatNeverShareAJti() throws Exception {
        int tenants = 64;
        Path store = AssertionKeys.pem(dir, AssertionKeys.RSA, AssertionKeys.RSA_CERTIFICATE);
        TestConfig config = AssertionKeys.privateKeyJwt(oauth2, AssertionKeys.RSA_CLIENT, store);
        for (int i = 0; i < tenants; i++) {
            config.and("tollgate.api.tenants.t" + i + ".scope", "invoices:read");
        }
        Client client = harness.client(harness.engine(config), OAuth2Loopback.CLIENT);
        ExecutorService callers = Executors.newFixedThreadPool(tenants);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < tenants; i++) {
                String tenant = "t" + i;
                calls.add(callers.submit(() -> {
                    start.await();
                    return Tollgate.withTenant(tenant, () -> oauth2.call(client));
                }));
            }
            start.countDown();
            for (Future<Integer> call : calls) {
                assertEquals(200, call.get(60, TimeUnit.SECONDS));
            }
        } finally {
            callers.shutdownNow();
        }
        Set<Object> jtis = new HashSet<>();
        oauth2.simulator().clientAssertions().forEach(a -> jtis.add(AssertionKeys.part(a, 1).get("jti")));
        assertEquals(tenants, jtis.size());
        assertEquals(0, oauth2.simulator().replayedAssertions());
        assertFalse(jtis.contains(null));
    }
}
