package dev.tollgate.demo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.demo.it.load.LoadResult;
import dev.tollgate.demo.it.load.PageLoad;
import dev.tollgate.demo.it.load.TokenBand;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * (e) The demo under load: 64 clients ask for the shop's calls page (9 authenticated vendor calls
 * each) without pause for {@value #DURATION_PROPERTY} (ISO-8601, default 30 s), over loopback,
 * while the sandbox's tokens live only {@link #LIFETIME}, so Tollgate renews each many times.
 * Every page must come back with every call ok, each vendor must see the number of token requests
 * the run's length and the lifetime allow ({@link TokenBand}), and none may have refused a
 * credential (an expired or missing token that reached it). Counts, throughput and latency are
 * printed, not asserted.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class LoadIT {

    /** How long the clients call; the test command runs 30 s, a quick local run may ask for less. */
    static final String DURATION_PROPERTY = "tollgate.load.duration";
    static final int CLIENTS = 64;
    /** The sandbox's token lifetime in this deployment only (the demo's stay the vendors'). */
    static final Duration LIFETIME = Duration.ofSeconds(6);

    /**
     * Each vendor's tokens as this deployment has them: lifetime, and Tollgate's default
     * {@code refresh-before} for it. BigCommerce's storefront token lives as long as the client
     * asks (Tollgate's {@code storefront-token-lifetime}, default a day, at least five minutes),
     * so it is not renewed during the run.
     */
    private static final Map<String, Duration[]> TOKENS = Map.of(
            "sila", new Duration[] {LIFETIME, Duration.ofMinutes(30)},
            "elasticpath", new Duration[] {LIFETIME, Duration.ofMinutes(1)},
            "oauth2", new Duration[] {LIFETIME, Duration.ofMinutes(1)},
            "taxizer", new Duration[] {LIFETIME, Duration.ofMinutes(1)},
            "bigcommerce-storefront", new Duration[] {Duration.ofDays(1), Duration.ofMinutes(1)});

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        // the sandbox reads its token lifetime from the application's MicroProfile Config
        JavaArchive lifetimes = ShrinkWrap.create(JavaArchive.class, "load-test-lifetimes.jar")
                .addAsManifestResource(new StringAsset("sandbox.token-lifetime=" + LIFETIME + "\n"),
                        "microprofile-config.properties");
        return DemoServer.ear().addAsLibrary(lifetimes);
    }

    @Test
    void sixtyFourClientsGetEveryPageWithEveryCallOkAndTokensRenewedWithoutStormOrGap() {
        Duration duration = Duration.parse(System.getProperty(DURATION_PROPERTY, "PT30S"));
        // every token fetched once before the clock starts
        DemoServer.jsonArray("/shop/api/calls");
        JsonObject before = DemoServer.sandboxTokenRequests();
        long windowStart = System.nanoTime();

        LoadResult result = new PageLoad(DemoServer.url("/shop/api/calls"), CLIENTS).run(duration);
        System.out.printf("LoadIT, %s:%n%s%n", System.getProperty("arquillian.launch"), result.summary());
        assertTrue(result.requests() > CLIENTS, "the clients asked for at least one page each: " + result.summary());
        assertEquals(result.requests(), result.completed(),
                "every page asked for came back: " + result.summary() + " " + result.problems(5));
        assertEquals(0, result.failedCalls(), "failed vendor calls: " + result.summary() + " " + result.problems(5));

        JsonObject after = DemoServer.sandboxTokenRequests();
        Duration window = Duration.ofNanos(System.nanoTime() - windowStart);
        JsonObject refused = DemoServer.jsonObject("/sandbox/stats/refused");
        Map<String, String> tokenRequests = new LinkedHashMap<>();
        Map<String, String> outOfBand = new LinkedHashMap<>();
        TOKENS.forEach((vendor, token) -> {
            long requests = after.getInt(vendor) - before.getInt(vendor);
            TokenBand band = TokenBand.of(duration, window, token[0], token[1]);
            tokenRequests.put(vendor, requests + " in " + band);
            if (!band.contains(requests)) {
                outOfBand.put(vendor, requests + " not in " + band);
            }
        });
        System.out.printf("token requests during the run (token lifetime %s; band): %s%n"
                + "credentials the sandbox refused: %s%n", LIFETIME, tokenRequests, refused);
        assertEquals(Map.of(), outOfBand, "token requests per vendor: " + tokenRequests);
        assertEquals(0, refused.size(), "the sandbox refused credentials (expired or missing): " + refused);
    }
}
