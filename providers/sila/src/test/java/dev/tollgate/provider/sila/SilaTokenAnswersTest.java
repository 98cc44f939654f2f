package dev.tollgate.provider.sila;

import static dev.tollgate.testkit.simulator.sila.SilaFixture.ACME_APP_HANDLE;
import static dev.tollgate.testkit.simulator.sila.SilaFixture.ACME_SANDBOX_CLIENT_ID;
import static dev.tollgate.testkit.simulator.sila.SilaFixture.ACME_SANDBOX_CLIENT_SECRET;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.TokenAcquisitionException;
import dev.tollgate.engine.TollgateEngine;
import dev.tollgate.engine.testing.EngineHarness;
import dev.tollgate.testkit.config.TestConfig;
import dev.tollgate.testkit.http.LoopbackServer;
import dev.tollgate.testkit.simulator.sila.SilaApps;
import dev.tollgate.testkit.simulator.sila.SilaSimulator;
import dev.tollgate.testkit.time.MutableClock;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.Entity;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** auth_token answers that are 200 but unusable: each a clear failure, never a token. */
class SilaTokenAnswersTest {

    @RegisterExtension
    final EngineHarness harness = new EngineHarness("2026-11-22T08:00:00Z");
    private final MutableClock clock = harness.clock;
    private final SilaSimulator sila = new SilaSimulator(SilaApps.standard(), clock, harness.journal);
    private final LoopbackServer server = harness.serve(sila);
    private final TollgateEngine engine = harness.engine(TestConfig.with("tollgate.sila.provider", "sila")
            .and("tollgate.sila.base-url", server.url("sila/sandbox/0.2"))
            .and("tollgate.sila.client-id", ACME_SANDBOX_CLIENT_ID)
            .and("tollgate.sila.client-secret", ACME_SANDBOX_CLIENT_SECRET)
            .and("tollgate.sila.app-handle", ACME_APP_HANDLE)
            .and("tollgate.sila.token-failure-cooldown", "PT0S"));
    private final Client client = harness.client(engine, "sila");

    private void call() {
        client.target(server.url("sila/sandbox/0.2/check_handle")).request().post(Entity.json(Map.of("header", Map.of()))).close();
    }

    @Test
    void anExpiryInThePastIsRefusedByTheEngine() {
        long past = clock.instant().minusSeconds(60).getEpochSecond();
        sila.faults().malformedBody("{\"success\":true,\"access_token\":{\"token\":\"eyJ.past.token\",\"expiration\":" + past + "}}");
        TokenAcquisitionException e = assertThrows(TokenAcquisitionException.class, this::call);
        assertTrue(e.getMessage().contains("which is not after now"), e.getMessage());
    }

    @Test
    void successFalseOrAMissingTokenIsNoToken() {
        for (String body : new String[] {"{\"success\":false}", "{\"success\":true}",
                "{\"success\":true,\"access_token\":{\"expiration\":1900000000}}",
                "{\"success\":true,\"access_token\":{\"token\":\"t\"}}", "[1,2,3]", ""}) {
            sila.faults().malformedBody(body);
            assertThrows(TokenAcquisitionException.class, this::call, body);
        }
    }
}
