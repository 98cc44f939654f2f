package dev.tollgate.demo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.demo.it.wars.MerchantOnboarding;
import dev.tollgate.demo.it.wars.SmallApplication;
import dev.tollgate.demo.it.wars.TaxJarVendorApplication;
import dev.tollgate.demo.it.wars.TransactionalOnboardingResource;
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
 * Merchants onboarded from inside the application's own transaction: a stateless session bean
 * (container-managed, REQUIRED) saves and removes them, in the server's default database, which is
 * a JTA data source. Each save and remove is its own unit of work: done when it returns, whatever
 * the caller's transaction does afterwards. Same client and store as {@link TenantStoreIT}
 * (it.properties); TaxJar is the test kit's simulator.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TransactionalOnboardingIT {

    /** Merchant names of this run: the servers' databases may keep an earlier run's. */
    private static final String RUN = Long.toString(System.currentTimeMillis(), 36);
    private static final AtomicInteger MERCHANTS = new AtomicInteger();

    @Deployment(name = "taxjar", testable = false, order = 1)
    static WebArchive taxJar() {
        return SmallWars.withTestKit(ShrinkWrap.create(WebArchive.class, "it-taxjar.war")
                .addClasses(TaxJarVendorApplication.class, VendorJournal.class));
    }

    @Deployment(name = "transactional-onboarding", testable = false, order = 2)
    static EnterpriseArchive transactionalOnboarding() {
        return SmallWars.earWithTollgate("transactional-onboarding.ear", MisconfigurationIT.INBOUND_JARS,
                ShrinkWrap.create(WebArchive.class, "tx-onboarding.war")
                        .addClasses(SmallApplication.class, TransactionalOnboardingResource.class, MerchantOnboarding.class));
    }

    @Test
    void aMerchantSavedInsideTheCallersTransactionIsStored() {
        String merchant = newMerchant();

        assertEquals("saved", save(merchant, TaxJarFixture.ACME_SANDBOX_TOKEN));

        assertTrue(merchants().contains(merchant), merchants().toString());
    }

    @Test
    void aSaveStaysWhenTheCallersTransactionRollsBackAfterIt() {
        String merchant = newMerchant();

        String answer = post("/tx-onboarding/merchants/" + merchant + "/then-fail", TaxJarFixture.ACME_SANDBOX_TOKEN);

        assertTrue(answer.startsWith("failed: IllegalStateException: the merchant's other records"),
                "the bean's own failure, not Tollgate's: " + answer);
        assertTrue(merchants().contains(merchant), "save() returned, so the merchant is stored: " + merchants());
    }

    @Test
    void aMerchantRemovedInsideTheCallersTransactionIsGone() {
        String merchant = newMerchant();
        assertEquals("saved", save(merchant, TaxJarFixture.ACME_SANDBOX_TOKEN));

        assertEquals("removed", DemoServer.send(HttpRequest.newBuilder(DemoServer.url("/tx-onboarding/merchants/" + merchant))
                .DELETE()).body());

        assertFalse(merchants().contains(merchant), merchants().toString());
    }

    @Test
    void aRemoveStaysWhenTheCallersTransactionRollsBackAfterIt() {
        String merchant = newMerchant();
        assertEquals("saved", save(merchant, TaxJarFixture.ACME_SANDBOX_TOKEN));

        String answer = DemoServer.send(HttpRequest.newBuilder(DemoServer.url("/tx-onboarding/merchants/" + merchant + "/then-fail"))
                .DELETE()).body();

        assertTrue(answer.startsWith("failed: IllegalStateException: the merchant's other records"),
                "the bean's own failure, not Tollgate's: " + answer);
        assertFalse(merchants().contains(merchant), "remove() returned, so the merchant is gone: " + merchants());
    }

    private static String newMerchant() {
        return "tx-" + RUN + "-" + MERCHANTS.incrementAndGet();
    }

    private static String save(String merchant, String token) {
        return post("/tx-onboarding/merchants/" + merchant, token);
    }

    private static String post(String path, String token) {
        HttpResponse<String> response = DemoServer.send(HttpRequest.newBuilder(DemoServer.url(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("api-token=" + URLEncoder.encode(token, StandardCharsets.UTF_8))));
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    private static List<String> merchants() {
        HttpResponse<String> response = DemoServer.get("/tx-onboarding/merchants");
        assertEquals(200, response.statusCode(), response.body());
        return response.body().lines().toList();
    }
}
