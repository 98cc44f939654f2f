package dev.tollgate.demo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.demo.it.wars.InventoryApi;
import dev.tollgate.demo.it.wars.InventoryResource;
import dev.tollgate.demo.it.wars.LedgerApi;
import dev.tollgate.demo.it.wars.LedgerResource;
import dev.tollgate.demo.it.wars.SmallApplication;
import dev.tollgate.demo.it.wars.StoreCatalogApi;
import dev.tollgate.demo.it.wars.StoreCatalogResource;
import dev.tollgate.testkit.simulator.bigcommerce.BigCommerceFixture;
import java.net.http.HttpResponse;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * (c) What an application team sees when the configuration is missing or wrong: a deployment that
 * fails naming the key to set, and a first call that fails saying which keys to check, without
 * the secret. The two small web modules carry Tollgate in WEB-INF/lib (taken from the demo EAR's
 * lib/); the EAR itself runs the sandbox they call.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MisconfigurationIT {

    @ArquillianResource
    Deployer deployer;

    @Deployment(name = "demo", testable = false, order = 1)
    static EnterpriseArchive ear() {
        return DemoServer.ear();
    }

    @Deployment(name = "unconfigured", managed = false, testable = false, order = 2)
    static WebArchive unconfigured() {
        return SmallWars.withTollgate(ShrinkWrap.create(WebArchive.class, "unconfigured.war")
                .addClasses(SmallApplication.class, InventoryApi.class, InventoryResource.class));
    }

    @Deployment(name = "ledger", managed = false, testable = false, order = 3)
    static WebArchive ledger() {
        return SmallWars.withTollgate(ShrinkWrap.create(WebArchive.class, "ledger.war")
                .addClasses(SmallApplication.class, LedgerApi.class, LedgerResource.class));
    }

    /** A BigCommerce client whose callback path holds a matrix parameter: no request path can ever equal it. */
    @Deployment(name = "unmatchable-path", managed = false, testable = false, order = 4)
    static WebArchive unmatchablePath() {
        return SmallWars.withTollgate(ShrinkWrap.create(WebArchive.class, "unmatchable-path.war").addClasses(SmallApplication.class))
                .addAsResource(new StringAsset(inboundClient("unmatchable") + "tollgate.unmatchable.callback-paths=/api/bigcommerce;v=2/load\n"),
                        "META-INF/microprofile-config.properties");
    }

    /** Tax Provider paths without the credentials BigCommerce sends to them. */
    @Deployment(name = "tax-without-credentials", managed = false, testable = false, order = 5)
    static WebArchive taxWithoutCredentials() {
        return SmallWars.withTollgate(ShrinkWrap.create(WebArchive.class, "tax-without-credentials.war").addClasses(SmallApplication.class))
                .addAsResource(new StringAsset(inboundClient("taxless") + "tollgate.taxless.tax-provider-paths=/api/tax\n"),
                        "META-INF/microprofile-config.properties");
    }

    /**
     * An application that only calls BigCommerce: the outgoing provider without
     * tollgate-provider-bigcommerce-inbound, under the server's BigCommerce client, whose inbound
     * keys (callback and Tax Provider paths) nothing in this module reads.
     */
    @Deployment(name = "bigcommerce-outgoing-only", managed = false, testable = false, order = 6)
    static WebArchive bigCommerceOutgoingOnly() {
        return SmallWars.withTollgate(ShrinkWrap.create(WebArchive.class, "bigcommerce-outgoing-only.war")
                .addClasses(SmallApplication.class, StoreCatalogApi.class, StoreCatalogResource.class), INBOUND_JARS.toArray(String[]::new));
    }

    @Test
    void theOutgoingBigCommerceProviderDeploysAndCallsWithoutTheInboundModule() {
        deployer.deploy("bigcommerce-outgoing-only");
        try {
            HttpResponse<String> response = DemoServer.get("/bigcommerce-outgoing-only/products/store-a/" + BigCommerceFixture.STORE_A_HASH);
            assertEquals(200, response.statusCode(), response.body());
            assertTrue(response.body().startsWith("answer: "), response.body());
        } finally {
            deployer.undeploy("bigcommerce-outgoing-only");
        }
    }

    @Test
    void aCallbackPathThatCanNeverMatchFailsTheDeploymentNamingTheKey() {
        String message = causes(assertThrows(Exception.class, () -> deployer.deploy("unmatchable-path")));
        assertTrue(message.contains("tollgate.unmatchable.callback-paths"), message);
    }

    @Test
    void taxProviderPathsWithoutCredentialsFailTheDeploymentNamingTheKey() {
        String message = causes(assertThrows(Exception.class, () -> deployer.deploy("tax-without-credentials")));
        assertTrue(message.contains("tollgate.taxless.tax-provider-username"), message);
    }

    @Test
    void anAnnotatedInterfaceForAnUnconfiguredClientFailsTheDeploymentNamingTheKey() {
        Exception failure = assertThrows(Exception.class, () -> deployer.deploy("unconfigured"));
        String message = causes(failure);
        assertTrue(message.contains("tollgate.inventory.provider is not set"), message);
        assertEquals(404, DemoServer.get("/unconfigured/inventory").statusCode(), "the failed deployment serves nothing");
    }

    @Test
    void aWrongSecretFailsTheFirstCallSayingWhatToCheck() {
        deployer.deploy("ledger");
        try {
            HttpResponse<String> response = DemoServer.get("/ledger/ledger");
            assertEquals(200, response.statusCode(), response.body());
            String answer = response.body();
            assertTrue(answer.startsWith("error: CredentialsRejectedException: "), answer);
            // the authorization server refused the client, not the API: its token endpoint is named
            assertTrue(answer.contains(": the token endpoint http://127.0.0.1:8083/sandbox/oauth2/token refused the credentials"
                    + " sent for the access-token (HTTP 401): invalid_client"), answer);
            assertTrue(answer.contains("tollgate.ledger.client-secret"), answer);
            assertFalse(answer.contains("not-the-billing-secret"), "the error shows the secret: " + answer);
        } finally {
            deployer.undeploy("ledger");
        }
    }

    /** A BigCommerce client that is complete for outgoing calls; the tests add the inbound keys. */
    private static String inboundClient(String client) {
        String prefix = "tollgate." + client + ".";
        return prefix + "provider=bigcommerce\n"
                + prefix + "base-url=http://127.0.0.1:8080/sandbox/bigcommerce/api/\n"
                + prefix + "store-hash=abc123def\n"
                + prefix + "access-token=not-a-real-token-for-a-deployment-test\n"
                + prefix + "client-id=deployment-test-app\n"
                + prefix + "client-secret=not-a-real-secret-but-long-enough-for-hs256\n";
    }

    /**
     * The BigCommerce inbound module. Its shaded JWT library's unshaded dependencies (the MP JWT
     * API, jboss-logging, slf4j-api) stay: the OAuth2 provider's shaded JWT library, which signs
     * private_key_jwt and client_secret_jwt assertions, needs them as well.
     */
    static final List<String> INBOUND_JARS = List.of("/lib/tollgate-provider-bigcommerce-inbound.jar");
    private static String causes(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            all.append(t).append(" | ");
        }
        return all.toString();
    }
}
