package dev.tollgate.demo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.demo.clients.CallOutcome;
import dev.tollgate.demo.it.wars.SmallApplication;
import dev.tollgate.demo.it.wars.StalledVendorApi;
import dev.tollgate.demo.it.wars.StalledVendorResource;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * (f) A vendor that takes the connection and never answers: with the Rest Client's read timeout
 * set through the server's configuration ({@code stalled/mp-rest/readTimeout}, it.properties, as
 * demo.properties sets it for each of the demo's interfaces), the call fails after the timeout and
 * the page shows it as an error row; without it the request thread would wait for good.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class StalledVendorIT {

    /** The stalled vendor's port: {@code tollgate.stalled.base-url} in it.properties. */
    static final int PORT = 8089;

    @Deployment(testable = false)
    static WebArchive stalled() {
        return SmallWars.withTollgate(ShrinkWrap.create(WebArchive.class, "stalled.war")
                .addClasses(SmallApplication.class, StalledVendorApi.class, StalledVendorResource.class, CallOutcome.class));
    }

    @Test
    void aVendorThatNeverAnswersIsAnErrorRowAfterTheReadTimeoutNotAHungPage() throws Exception {
        try (SilentVendor vendor = new SilentVendor(PORT)) {
            // DemoServer waits 60 s for the page; the read timeout is 2 s
            JsonArray calls = DemoServer.jsonArray("/stalled/calls");
            assertEquals(1, calls.size(), calls.toString());
            JsonObject call = calls.getJsonObject(0);
            assertFalse(call.getBoolean("ok"), call.toString());
            String error = call.getString("error");
            assertTrue(error.toLowerCase().contains("timed out") || error.toLowerCase().contains("timeout"), error);
        }
    }
}
