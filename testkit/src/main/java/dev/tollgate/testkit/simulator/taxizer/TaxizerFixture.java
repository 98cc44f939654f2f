package dev.tollgate.testkit.simulator.taxizer;

import java.util.List;

/** The app credentials of the standard simulated Taxizer account; scanned for in every test log. */
public final class TaxizerFixture {

    public static final String ACME_CLIENT_ID = "tz-acme-7Qm2Vx9Lr4";
    public static final String ACME_CLIENT_SECRET = "tzS3cr3t-8Hd5Kw2Np6Rt1Yb9Cf4Gj7";

    private TaxizerFixture() {
    }

    public static List<String> secrets() {
        return List.of(ACME_CLIENT_SECRET);
    }
}
