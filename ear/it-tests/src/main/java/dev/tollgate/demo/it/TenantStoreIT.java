package dev.tollgate.demo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.demo.it.wars.OnboardedTaxJarApi;
import dev.tollgate.demo.it.wars.OnboardingResource;
import dev.tollgate.demo.it.wars.OrdersResource;
import dev.tollgate.demo.it.wars.SmallApplication;
import dev.tollgate.demo.it.wars.TaxJarVendorApplication;
import dev.tollgate.demo.it.wars.VendorJournal;
import dev.tollgate.testkit.simulator.taxjar.TaxJarFixture;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * (d) Merchants onboarded while the application runs, in the server's default database (the H2
 * database both servers ship: tollgate.store.datasource is not set), with the store's encryption
 * key given to the server as an administrator gives any secret (it.properties, applied by the
 * server-config scripts). An EAR of two web modules shares one engine: "onboarding" saves and
 * removes merchants through Tollgate's API, "orders" calls TaxJar as them. TaxJar is the test kit's
 * simulator, a web module of its own that tells how many requests it received and as whom.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TenantStoreIT {

    /** Merchant names of this run: the servers' databases may keep an earlier run's. */
    private static final String RUN = Long.toString(System.currentTimeMillis(), 36);
    private static final AtomicInteger MERCHANTS = new AtomicInteger();

    @Deployment(name = "taxjar", testable = false, order = 1)
    static WebArchive taxJar() {
        return SmallWars.withTestKit(ShrinkWrap.create(WebArchive.class, "it-taxjar.war")
                .addClasses(TaxJarVendorApplication.class, VendorJournal.class));
    }

    @Deployment(name = "tenant-store", testable = false, order = 2)
    static EnterpriseArchive tenantStore() {
        // without BigCommerce's inbound module, which these modules do not use (a shorter deployment)
        return SmallWars.earWithTollgate("tenant-store.ear", MisconfigurationIT.INBOUND_JARS,
                ShrinkWrap.create(WebArchive.class, "onboarding.war").addClasses(SmallApplication.class, OnboardingResource.class),
                ShrinkWrap.create(WebArchive.class, "orders.war")
                        .addClasses(SmallApplication.class, OrdersResource.class, OnboardedTaxJarApi.class));
    }

    @Test
    void aMerchantSavedInOneModuleCallsFromAnotherAtOnceAndAReplacedTokenIsUsedAtOnce() {
        String merchant = newMerchant();
        int before = vendorRequests();

        assertEquals("saved", save(merchant, TaxJarFixture.ACME_SANDBOX_TOKEN));
        assertEquals((before + 1) + " acme", vendor(), "the token is verified with one request, as the merchant");
        assertTrue(merchants().contains(merchant), merchants().toString());

        String answer = orders(merchant);
        assertTrue(answer.startsWith("answer: ") && answer.contains("Clothing"), answer);
        assertEquals((before + 2) + " acme", vendor(), "the other module's call carries the saved token");

        // the merchant pastes another token: the next call carries it, not the cached one
        assertEquals("saved", save(merchant, TaxJarFixture.GLOBEX_SANDBOX_TOKEN));
        assertTrue(orders(merchant).startsWith("answer: "));
        assertEquals((before + 4) + " globex", vendor());

        String masked = DemoServer.get("/onboarding/merchants/" + merchant).body();
        String globex = TaxJarFixture.GLOBEX_SANDBOX_TOKEN;
        assertTrue(masked.contains(globex.substring(globex.length() - 4)), masked);
        assertFalse(masked.contains(globex.substring(0, 8)), "the page would show the token: " + masked);
    }

    @Test
    void aRemovedMerchantsNextCallFailsWithNothingSent() {
        String merchant = newMerchant();
        assertEquals("saved", save(merchant, TaxJarFixture.ACME_SANDBOX_TOKEN));
        assertTrue(orders(merchant).startsWith("answer: "), "cached before the removal");

        assertEquals("removed", DemoServer.send(HttpRequest.newBuilder(DemoServer.url("/onboarding/merchants/" + merchant)).DELETE()).body());
        int before = vendorRequests();
        String answer = orders(merchant);

        assertTrue(answer.startsWith("error: "), answer);
        assertTrue(answer.contains(merchant), "the error names the merchant: " + answer);
        assertEquals(before, vendorRequests(), "a request was sent for the removed merchant");
        assertFalse(merchants().contains(merchant), merchants().toString());
    }

    @Test
    void aTokenTaxJarRejectsStoresNothing() {
        String merchant = newMerchant();
        String unknown = "0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e";
        int before = vendorRequests();

        String refusal = save(merchant, unknown);

        assertTrue(refusal.startsWith("refused: CredentialsRejectedException: "), refusal);
        assertTrue(refusal.contains("Not authorized for route"), "TaxJar's explanation is passed on: " + refusal);
        assertFalse(refusal.contains(unknown.substring(0, 8)), "the refusal shows the token: " + refusal);
        assertEquals((before + 1) + " unknown", vendor(), "one verification request, with the token pasted");
        assertFalse(merchants().contains(merchant), merchants().toString());
        assertTrue(orders(merchant).startsWith("error: "));
        assertEquals(before + 1, vendorRequests(), "a call was sent for a merchant that was never stored");
    }

    private static String newMerchant() {
        return "m-" + RUN + "-" + MERCHANTS.incrementAndGet();
    }

    private static String save(String merchant, String token) {
        HttpResponse<String> response = DemoServer.send(HttpRequest.newBuilder(DemoServer.url("/onboarding/merchants/" + merchant))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("api-token=" + URLEncoder.encode(token, StandardCharsets.UTF_8))));
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    private static String orders(String merchant) {
        HttpResponse<String> response = DemoServer.get("/orders/orders/" + merchant);
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    private static List<String> merchants() {
        return DemoServer.get("/onboarding/merchants").body().lines().toList();
    }

    /** "{requests the simulated TaxJar received} {the merchant the last one authenticated as}". */
    private static String vendor() {
        HttpResponse<String> response = DemoServer.get("/it-taxjar/journal");
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    private static int vendorRequests() {
        return Integer.parseInt(vendor().split(" ")[0]);
    }
}
