package dev.tollgate.engine.testing;

import dev.tollgate.testkit.config.TestConfig;
import dev.tollgate.testkit.http.LoopbackServer;
import dev.tollgate.testkit.http.RequestJournal;
import dev.tollgate.testkit.simulator.taxjar.TaxJarAccounts;

/** The TaxJar simulator on loopback: its sandbox and production APIs and the accounts they accept. */
public record TaxJarLoopback(TaxJarAccounts accounts, LoopbackServer server, RequestJournal journal) {

    /** The client name the configurations use: keys under {@code tollgate.taxjar.}. */
    public static final String CLIENT = "taxjar";

    public String sandboxUrl() {
        return server.url("taxjar/sandbox/v2/");
    }

    public String productionUrl() {
        return server.url("taxjar/production/v2/");
    }

    public String url(String path) {
        return server.url(path);
    }

    /** Client {@code taxjar} of {@code provider}, pointing at the simulated sandbox. */
    public TestConfig config(String provider) {
        return TestConfig.with("tollgate.taxjar.provider", provider)
                .and("tollgate.taxjar.base-url", sandboxUrl());
    }
}
