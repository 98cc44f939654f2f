package dev.tollgate.demo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.demo.it.wars.ClientRegistrations;
import dev.tollgate.demo.it.wars.MeteredApi;
import dev.tollgate.demo.it.wars.MeteredResource;
import dev.tollgate.demo.it.wars.OAuth2VendorApplication;
import dev.tollgate.demo.it.wars.SignedApi;
import dev.tollgate.demo.it.wars.SignedResource;
import dev.tollgate.demo.it.wars.SmallApplication;
import dev.tollgate.demo.it.wars.TokenRequestCount;
import dev.tollgate.testkit.simulator.oauth2.OAuth2Fixture;
import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
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
 * What an operator sees of OAuth2 clients in the server, on its own endpoints and files, against
 * the test kit's authorization server in a web module of its own ({@code it-oauth2}), which counts
 * what it receives.
 * <ul>
 *   <li>A merchant's credential is wrong: the readiness check {@code tollgate} DOWN naming client
 *       and tenant, one WARNING in the server's log without the secret, the metrics counting the
 *       token requests the vendor counted; and UP again once the merchant fixes it. The merchant is
 *       an OAuth2 client registration stored unverified (as typed), so the wrong secret reaches the
 *       vendor's token endpoint.</li>
 *   <li>A client that authenticates with assertions it signs with its private key
 *       ({@code private_key_jwt}, the client {@code signed} of it.properties), from a key store
 *       the build made for the run, whose password server-config gave the server as a secret
 *       (signing.properties): its calls are answered, the authorization server verified an
 *       assertion and received no secret, and the password is nowhere in the clear.</li>
 * </ul>
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ObservabilityIT {

    /** Merchant names of this run: the servers' databases may keep an earlier run's. */
    private static final String MERCHANT = "obs" + Long.toString(System.currentTimeMillis(), 36);
    /** One character off the registered secret, as a typo makes it. */
    private static final String WRONG_SECRET = OAuth2Fixture.BILLING_CLIENT_SECRET + "x";
    private static final Pattern RECORD_START = Pattern.compile("(?m)^(?=\\[?\\d{4}-\\d\\d-\\d\\d[ T])");
    /** The client id it.properties gives the client signed (tollgate.signed.client-id). */
    private static final String SIGNED_CLIENT_ID = "signed-service";
    /** The password's property in standalone.xml (a system property) or domain.xml (a config property). */
    private static final Pattern PASSWORD_PROPERTY = Pattern.compile("<property name=\"(?:payara\\.microprofile\\.)?"
            + Pattern.quote(SigningClient.PASSWORD_KEY) + "\" value=\"([^\"]*)\"");

    @Deployment(name = "oauth2", testable = false, order = 1)
    static WebArchive vendor() {
        return SmallWars.withTestKit(ShrinkWrap.create(WebArchive.class, "it-oauth2.war")
                .addClasses(OAuth2VendorApplication.class, TokenRequestCount.class, ClientRegistrations.class));
    }

    @Deployment(name = "metered", testable = false, order = 2)
    static EnterpriseArchive application() {
        return SmallWars.earWithTollgate("observability.ear", MisconfigurationIT.INBOUND_JARS,
                ShrinkWrap.create(WebArchive.class, "metered.war")
                        .addClasses(SmallApplication.class, MeteredResource.class, MeteredApi.class,
                                SignedResource.class, SignedApi.class));
    }

    @Test
    void aRejectedMerchantIsReportedDownLoggedOnceAndCountedThenUpOnceFixed() {
        OperatorEndpoints operator = OperatorEndpoints.ofServerUnderTest();
        Optional<ServerLog> log = ServerLog.fromNow();
        long[] vendorBefore = vendorCounts();
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
        assertCountsAsVendor(operator, vendorBefore);

        // the merchant types the secret again, right this time; its next call is answered
        assertEquals("saved", save(OAuth2Fixture.BILLING_CLIENT_SECRET));
        String fixed = call();

        assertTrue(fixed.startsWith("answer: "), fixed);
        OperatorEndpoints.Readiness up = operator.readiness();
        JsonObject upCheck = up.check("tollgate").orElseThrow(() -> new AssertionError("no check tollgate: " + up.body()));
        assertEquals("UP", upCheck.getString("status"), up.body().toString());
        assertTrue(upCheck.getJsonObject("data").keySet().stream().noneMatch(k -> k.startsWith("metered/")), up.body().toString());
        assertCountsAsVendor(operator, vendorBefore);
    }

    @Test
    void aClientSigningWithAKeyStoreWhosePasswordTheServerHoldsAsASecretIsAnsweredWithoutSendingASecret() {
        ServerFiles server = ServerFiles.ofServerUnderTest();
        String password = SigningClient.keyStorePassword();
        // the administrator registers the client's certificate with the authorization server, which
        // takes nothing else for it and lets no certificate take over a client that has a secret
        assertEquals(400, register(SIGNED_CLIENT_ID, "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n").statusCode());
        assertEquals(409, register(OAuth2Fixture.BILLING_CLIENT_ID, SigningClient.certificate()).statusCode());
        HttpResponse<String> registered = register(SIGNED_CLIENT_ID, SigningClient.certificate());
        assertEquals(204, registered.statusCode(), registered.body());
        long[] before = vendorCounts();
        long verifiedBefore = authenticated("private_key_jwt");
        long secretsBefore = authenticated("client_secret_basic") + authenticated("client_secret_post");

        String first = DemoServer.get("/metered/signed").body();
        String second = DemoServer.get("/metered/signed").body();

        assertEquals("answer: {\"ok\":true}", first);
        assertEquals("answer: {\"ok\":true}", second);
        long[] after = vendorCounts();
        // one token, obtained with one assertion the server verified, then served from the cache
        assertEquals(1, after[0] - before[0], "token requests answered");
        assertEquals(0, after[1] - before[1], "token requests refused (an assertion sent with a secret is one)");
        assertEquals(1, authenticated("private_key_jwt") - verifiedBefore, "assertions verified");
        assertEquals(0, authenticated("client_secret_basic") + authenticated("client_secret_post") - secretsBefore,
                "token requests authenticated with a client secret");
        String metrics = OperatorEndpoints.ofServerUnderTest().metrics();
        assertEquals(1.0, OperatorEndpoints.sum(metrics, "tollgate_token_requests_total", "client=\"signed\"", "outcome=\"succeeded\""),
                "token requests answered, as Tollgate counts them: " + tollgateLines(metrics));

        // the password: in the configuration only as the server's secret reference, in no log
        String configuration = server.configurationText();
        Matcher property = PASSWORD_PROPERTY.matcher(configuration);
        assertTrue(property.find(), "no " + SigningClient.PASSWORD_KEY + " in " + server.configuration());
        String reference = property.group(1);
        assertTrue(server.server() == ServerFiles.Server.WILDFLY ? reference.startsWith("${ENC::") : reference.startsWith("${ALIAS="),
                SigningClient.PASSWORD_KEY + " is not held as the server's secret: " + reference.substring(0, Math.min(12, reference.length())));
        String log = server.logText();
        for (String spelling : spellings(password)) {
            assertFalse(configuration.contains(spelling), "the key store's password, or a piece of it, is in " + server.configuration());
            assertFalse(log.contains(spelling), "the key store's password, or a piece of it, is in the server's log");
        }
    }

    private static HttpResponse<String> register(String clientId, String pem) {
        return DemoServer.send(HttpRequest.newBuilder(DemoServer.url("/it-oauth2/clients/" + clientId))
                .header("Content-Type", "application/pem-certificate-chain")
                .PUT(HttpRequest.BodyPublishers.ofString(pem)));
    }

    /** The vendor's count of token requests since deployment: answered, refused. */
    private static long[] vendorCounts() {
        String[] vendor = DemoServer.get("/it-oauth2/token-requests").body().trim().split(" ");
        return new long[] {Long.parseLong(vendor[0]), Long.parseLong(vendor[1])};
    }

    /** How many token requests the vendor authenticated with {@code method}. */
    private static long authenticated(String method) {
        HttpResponse<String> response = DemoServer.get("/it-oauth2/token-requests/authenticated/" + method);
        assertEquals(200, response.statusCode(), response.body());
        return Long.parseLong(response.body().trim());
    }

    /**
     * How the password could show: whole, as XML writes it, form-encoded, and its pieces around
     * the characters a tool might have cut it at (signing-key.sh makes it random text, then
     * {@code $'" ;!\}, then random text again).
     */
    private static List<String> spellings(String password) {
        List<String> spellings = new ArrayList<>(List.of(password,
                password.replace("&", "&amp;").replace("\"", "&quot;").replace("'", "&apos;"),
                URLEncoder.encode(password, StandardCharsets.UTF_8)));
        spellings.addAll(Arrays.stream(password.split("[^A-Za-z0-9]+")).filter(p -> p.length() >= 8).toList());
        return spellings;
    }

    /** Tollgate's token request counts for the client are the vendor's since {@code before}, answered and refused. */
    private static void assertCountsAsVendor(OperatorEndpoints operator, long[] before) {
        long[] vendor = vendorCounts();
        String metrics = operator.metrics();
        String client = "client=\"metered\"";
        assertEquals((double) (vendor[0] - before[0]),
                OperatorEndpoints.sum(metrics, "tollgate_token_requests_total", client, "outcome=\"succeeded\""),
                "token requests answered: " + tollgateLines(metrics));
        assertEquals((double) (vendor[1] - before[1]),
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
