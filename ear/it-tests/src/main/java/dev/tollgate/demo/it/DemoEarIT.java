package dev.tollgate.demo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.testkit.simulator.bigcommerce.BigCommerceFixture;
import dev.tollgate.testkit.simulator.taxjar.TaxJarFixture;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * (a) The demo EAR in a real server: every vendor called through {@code @Authenticated}
 * MicroProfile Rest Client interfaces, with the server's own JAX-RS client (the EAR brings none),
 * configured only through the server (server-config/), and the demo page a person opens.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DemoEarIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return DemoServer.ear();
    }

    @Test
    void everyVendorCallSucceedsThroughTheServersOwnRestClient() {
        JsonArray calls = DemoServer.jsonArray("/shop/api/calls");
        assertEquals(9, calls.size(), calls.toString());
        for (JsonObject call : calls.getValuesAs(JsonObject.class)) {
            assertTrue(call.getBoolean("ok"), call.toString());
        }
        // the sandbox answers 401/403 to a missing or wrong credential; these got tokens from it
        JsonObject tokens = DemoServer.sandboxTokenRequests();
        for (String vendor : List.of("sila", "elasticpath", "oauth2", "taxizer", "bigcommerce-storefront")) {
            assertEquals(1, tokens.getInt(vendor), vendor + ": " + tokens);
        }
    }

    @Test
    void theEarBringsNoJaxRsOrRestClientImplementation() {
        List<String> libs = DemoServer.ear().get("lib").getChildren().stream()
                .map(node -> node.getPath().get()).toList();
        for (String tollgate : List.of("api", "spi", "engine")) {
            assertTrue(libs.contains("/lib/tollgate-" + tollgate + ".jar"), libs.toString());
        }
        assertTrue(libs.stream().noneMatch(lib -> Stream.of("jersey", "resteasy", "cxf", "smallrye-jwt", "jose4j")
                .anyMatch(lib::contains)), libs.toString());
    }

    @Test
    void thePageShowsEachCallAndTheCacheWithMaskedTokensOnly() {
        HttpResponse<String> page = DemoServer.get("/shop/");
        assertEquals(200, page.statusCode());
        String html = page.body();
        assertTrue(html.contains("Calls (9 of 9 succeeded)"), html);
        assertTrue(html.contains("Token cache"), html);
        // TaxJar's acme token is configured, so the cache shows it, masked: its last four characters
        String acme = TaxJarFixture.ACME_SANDBOX_TOKEN;
        assertTrue(html.contains("****" + acme.substring(acme.length() - 4)), html);
        // and every token in the cache table, configured or issued by the sandbox, is masked
        int cacheStart = html.indexOf("<table id=\"cache\">");
        String cacheTable = html.substring(cacheStart, html.indexOf("</table>", cacheStart)); // the metrics table follows
        Matcher token = Pattern.compile("<code>(.*?)</code>").matcher(cacheTable);
        int tokens = 0;
        while (token.find()) {
            tokens++;
            assertTrue(token.group(1).matches("\\*{4}.{0,4}"), "not masked: " + token.group(1));
        }
        assertEquals(9, tokens, cacheTable);
        for (String secret : Stream.concat(TaxJarFixture.secrets().stream(), BigCommerceFixture.secrets().stream()).toList()) {
            assertFalse(html.contains(secret), "the page shows a configured secret in full");
        }
    }
}
