package dev.tollgate.provider.taxjar;

import dev.tollgate.engine.TollgateEngine;
import dev.tollgate.testkit.config.TestConfig;
import dev.tollgate.testkit.http.LoopbackServer;
import dev.tollgate.testkit.http.RequestJournal;
import dev.tollgate.testkit.simulator.taxjar.TaxJarAccounts;
import dev.tollgate.testkit.simulator.taxjar.TaxJarSimulator;

/** A simulated TaxJar on loopback and the engine a test points at it. */
final class TaxJarSandbox implements AutoCloseable {

    final TaxJarAccounts accounts = TaxJarAccounts.standard();
    final RequestJournal journal = new RequestJournal();
    final LoopbackServer server = LoopbackServer.serve(new TaxJarSimulator(accounts, journal));

    String sandboxUrl() {
        return server.url("taxjar/sandbox/v2/");
    }

    String productionUrl() {
        return server.url("taxjar/production/v2/");
    }

    /** Configuration of a client {@code taxjar} pointing at the simulated sandbox. */
    TestConfig config() {
        return TestConfig.with("tollgate.taxjar.provider", "taxjar")
                .and("tollgate.taxjar.base-url", sandboxUrl());
    }

    TollgateEngine engine(TestConfig config) {
        return TollgateEngine.builder().config(config.build()).build();
    }

    @Override
    public void close() {
        server.close();
    }
}
