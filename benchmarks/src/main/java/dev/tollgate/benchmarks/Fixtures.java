package dev.tollgate.benchmarks;

import dev.tollgate.api.Tollgate;
import dev.tollgate.engine.TollgateEngine;
import dev.tollgate.testkit.config.TestConfig;
import jakarta.ws.rs.client.ClientRequestFilter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;

/** The engines and filters the benchmarks share: TaxJar with N merchants, each with its own token. */
final class Fixtures {

    static final URI TARGET = URI.create("https://api.taxjar.com/v2/categories");
    static final String TOKEN = "9e0cd62a22f451701f29c3bde400f2f4";

    private Fixtures() {
    }

    static String tenant(int i) {
        return "m" + i;
    }

    /** An engine for {@code merchants} merchants; their tokens differ only in the last digits. */
    static TollgateEngine taxjar(int merchants) {
        TestConfig config = TestConfig.with("tollgate.taxjar.provider", "taxjar");
        for (int i = 0; i < merchants; i++) {
            config.and("tollgate.taxjar.tenants." + tenant(i) + ".api-token", TOKEN.substring(0, 24) + String.format("%08d", i));
        }
        return TollgateEngine.builder().config(config.build()).maxCachedCredentials(Math.max(10_000, merchants * 2)).build();
    }

    /** Sends one request for every merchant through the filters, so every token is cached. */
    static void warm(List<ClientRequestFilter> filters, int merchants) {
        QuietRequest request = new QuietRequest();
        for (int i = 0; i < merchants; i++) {
            request.reset(TARGET).setProperty(Tollgate.TENANT_PROPERTY, tenant(i));
            apply(filters, request);
        }
    }

    /** Collects what a setup left behind, so that a measurement does not pay for it. */
    static void collectGarbage() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
    }

    static void apply(List<ClientRequestFilter> filters, QuietRequest request) {
        try {
            for (int i = 0; i < filters.size(); i++) {
                filters.get(i).filter(request);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
