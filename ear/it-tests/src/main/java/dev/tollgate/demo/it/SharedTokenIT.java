package dev.tollgate.demo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * (b) One token cache for the whole EAR: the back office and the shop are two web modules with
 * their own Rest Client proxies, and the second to call a vendor gets the token the first
 * fetched, as the vendor's count of token requests shows.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SharedTokenIT {

    /** Vendors both modules call, with the sandbox's name for them. */
    private static final List<String> SHARED = List.of("elasticpath", "oauth2", "taxizer");

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return DemoServer.ear();
    }

    @Test
    void twoWebModulesShareOneTokenPerVendor() {
        assertEquals(Map.of("elasticpath", 0, "oauth2", 0, "taxizer", 0), counts(), "fresh deployment");

        assertAllOk(DemoServer.jsonArray("/backoffice/api/calls"));
        assertEquals(Map.of("elasticpath", 1, "oauth2", 1, "taxizer", 1), counts(), "the back office's calls");

        assertAllOk(DemoServer.jsonArray("/shop/api/calls"));
        assertEquals(Map.of("elasticpath", 1, "oauth2", 1, "taxizer", 1), counts(),
                "the shop fetched its own token: the cache is not shared across the EAR's web modules");

        // and the cache both used is the one the shop shows: one entry per client, fetched once
        JsonArray cache = DemoServer.jsonArray("/shop/api/cache");
        for (String client : List.of("elasticpath", "billing", "taxizer")) {
            List<JsonObject> entries = cache.getValuesAs(JsonObject.class).stream()
                    .filter(e -> e.getString("client").equals(client)).toList();
            assertEquals(1, entries.size(), client + ": " + cache);
            assertEquals(1, entries.get(0).getJsonNumber("fetches").intValue(), client + ": " + cache);
        }
    }

    private static Map<String, Integer> counts() {
        JsonObject all = DemoServer.sandboxTokenRequests();
        return SHARED.stream().collect(Collectors.toMap(v -> v, all::getInt));
    }

    private static void assertAllOk(JsonArray calls) {
        calls.getValuesAs(JsonObject.class).forEach(c -> assertTrue(c.getBoolean("ok"), c.toString()));
    }
}
