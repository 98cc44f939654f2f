package dev.tollgate.testkit.simulator.taxjar;

import java.util.List;

/**
 * Tokens of the standard simulated TaxJar accounts. They are test values, but tests treat them as
 * secrets: the log of every test run is scanned for them.
 */
public final class TaxJarFixture {

    public static final String ACME_SANDBOX_TOKEN = "9e0cd62a22f451701f29c3bde400f2f4";
    public static final String GLOBEX_SANDBOX_TOKEN = "48b1a3f6c0d94e27a5f3b8c1d6e9f2a7";
    /** Belongs to a merchant whose subscription has expired: TaxJar answers 403. */
    public static final String INITECH_SANDBOX_TOKEN = "c7d2e9f4a1b8c3d6e5f0a9b2c4d7e1f3";
    public static final String ACME_PRODUCTION_TOKEN = "f1e2d3c4b5a69788796a5b4c3d2e1f00";

    private TaxJarFixture() {
    }

    public static List<String> secrets() {
        return List.of(ACME_SANDBOX_TOKEN, GLOBEX_SANDBOX_TOKEN, INITECH_SANDBOX_TOKEN, ACME_PRODUCTION_TOKEN);
    }
}
