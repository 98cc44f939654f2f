package dev.tollgate.demo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.demo.it.wars.MeteredApi;
import dev.tollgate.demo.it.wars.MeteredResource;
import dev.tollgate.demo.it.wars.OAuth2VendorApplication;
import dev.tollgate.demo.it.wars.SmallApplication;
import dev.tollgate.demo.it.wars.TokenRequestCount;
import dev.tollgate.testkit.simulator.oauth2.OAuth2Fixture;
import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What an operator sees when a merchant's credential is wrong, on the server's own endpoints: the
 * readiness check {@code tollgate} DOWN naming client and tenant, one WARNING in the server's log
 * without the secret, the metrics counting the token requests the vendor counted; and UP again once
 * the merchant fixes it. The merchant is an OAuth2 client registration stored unverified (as typed),
 * so the wrong secret reaches the vendor's token endpoint, which counts what it receives.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ObservabilityIT {

    /** Merchant names of this run: the servers' databases may keep an earlier run's. */
    private static final String MERCHANT = "obs" + Long.toString(System.currentTimeMillis(), 36);
    /** One character off the registered secret, as a typo makes it. */
    private static final String WRONG_SECRET = OAuth2Fixture.BILLING_CLIENT_SECRET + "x";
    private static final Pattern RECORD_START = Pattern.compile("(?m)^(?=\\[?\\d{4}-\\d\\d-\\d\\d[ T])");

    @Deployment(name = "oauth2", testable = false, order = 1)
    static WebArchive vendor() {
        return SmallWars.withTestKit(ShrinkWrap.create(WebArchive.class, "it-oauth2.war")
                .addClasses(OAuth2VendorApplication.class, TokenRequestCount.class));
    }

    @Deployment(name = "metered", testable = false, order = 2)
    static EnterpriseArchive application() {
        return SmallWars.earWithTollgate("observability.ear", MisconfigurationIT.INBOUND_JARS,
                ShrinkWrap.create(WebArchive.class, "metered.war")
                        .addClasses(SmallApplication.class, MeteredResource.class, MeteredApi.class));
    }

    @Test
    void aRejectedMerchantIsReportedDownLoggedOnceAndCountedThenUpOnceFixed() {
        OperatorEndpoints operator = OperatorEndpoints.ofServerUnderTest();
        Optional<ServerLog> log = ServerLog.fromNow();
        assertEquals("saved", save(WRONG_SECRET));

        String first = call();
        String second = call();

        assertTrue(first.startsWith("error: "), first);
        assertTrue(second.startsWith("error: "), second);
        OperatorEndpoints.Readiness down = operator.readiness();
        JsonObject check = down.check("tollgate").orElseThrow(() -> new AssertionError("no check tollgate: " + down.body()));
        assertEquals(503, down.statusCode(), down.body().toString());
        assertEquals("DOWN", check.getString("status"), check.toString());
        JsonObject data = check.getJsonObject("data");
        List<String> problems = data.keySet().stream().filter(k -> k.startsWith("metered/" + MERCHANT + "/")).toList();
        assertEquals(1, problems.size(), data.toString());
        assertTrue(data.getString(problems.get(0)).startsWith("rejected: "), data.toString());
        assertTrue(Arrays.asList(data.getString("clients").split(",")).contains("metered"), data.toString());
        assertFalse(down.body().toString().contains(WRONG_SECRET), "the readiness data holds the secret");

        log.ifPresent(serverLog -> {
            String since = serverLog.since();
            List<String> warnings = RECORD_START.splitAsStream(since)
                    .filter(r -> r.lines().findFirst().orElse("").matches(".*\\b(WARN|WARNING)\\b.*"))
                    .filter(r -> r.contains("'metered'") && r.contains("'" + MERCHANT + "'")).toList();
            assertEquals(1, warnings.size(), "WARNING records naming the client and the merchant: " + warnings);
            assertFalse(since.contains(WRONG_SECRET), "the server's log holds the wrong secret");
            assertFalse(since.contains(OAuth2Fixture.BILLING_CLIENT_SECRET), "the server's log holds the secret");
        });
        assertCountsAsVendor(operator);

        // the merchant types the secret again, right this time; its next call is answered
        assertEquals("saved", save(OAuth2Fixture.BILLING_CLIENT_SECRET));
        String fixed = call();

        assertTrue(fixed.startsWith("answer: "), fixed);
        OperatorEndpoints.Readiness up = operator.readiness();
        JsonObject upCheck = up.check("tollgate").orElseThrow(() -> new AssertionError("no check tollgate: " + up.body()));
        assertEquals("UP", upCheck.getString("status"), up.body().toString());
        assertTrue(upCheck.getJsonObject("data").keySet().stream().noneMatch(k -> k.startsWith("metered/")), up.body().toString());
        assertCountsAsVendor(operator);
    }

    /** Tollgate's token request counts for the client are the vendor's, answered and refused. */
    private static void assertCountsAsVendor(OperatorEndpoints operator) {
        String[] vendor = DemoServer.get("/it-oauth2/token-requests").body().trim().split(" ");
        String metrics = operator.metrics();
        String client = "client=\"metered\"";
        assertEquals(Double.parseDouble(vendor[0]),
                OperatorEndpoints.sum(metrics, "tollgate_token_requests_total", client, "outcome=\"succeeded\""),
                "token requests answered: " + tollgateLines(metrics));
        assertEquals(Double.parseDouble(vendor[1]),
                OperatorEndpoints.sum(metrics, "tollgate_token_requests_total", client, "outcome=\"failed\""),
                "token requests refused: " + tollgateLines(metrics));
    }

    private static List<String> tollgateLines(String metrics) {
        return metrics.lines().filter(l -> l.startsWith("tollgate_")).toList();
    }

    private static String save(String secret) {
        String form = "client-id=" + URLEncoder.encode(OAuth2Fixture.BILLING_CLIENT_ID, StandardCharsets.UTF_8)
                + "&client-secret=" + URLEncoder.encode(secret, StandardCharsets.UTF_8);
        return DemoServer.send(HttpRequest.newBuilder(DemoServer.url("/metered/merchants/" + MERCHANT))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))).body();
    }

    private static String call() {
        return DemoServer.get("/metered/merchants/" + MERCHANT + "/call").body();
    }
}
