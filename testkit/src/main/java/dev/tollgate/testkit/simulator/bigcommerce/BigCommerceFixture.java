package dev.tollgate.testkit.simulator.bigcommerce;

import java.util.List;

/** Two simulated stores, each with its own stable API account token; scanned for in every test log. */
public final class BigCommerceFixture {

    public static final String STORE_A_HASH = "abc123def";
    public static final String STORE_A_TOKEN = "bcA1tok3nQw8Er5Ty2Ui9Op4As7Df0Gh3";
    public static final String STORE_B_HASH = "xyz789ghi";
    public static final String STORE_B_TOKEN = "bcB2tok3nZx6Cv1Bn8Mq3Wl5Ek0Rj7Tp9";

    /** The app's registration (Developer Portal): the secret signs callbacks' signed_payload_jwt. */
    public static final String APP_CLIENT_ID = "tollgate-demo-app-7Hq2";
    public static final String APP_CLIENT_SECRET = "bcDemoAppS3cret-4Wx9Kp2Lm7Qz5Rt8Yv1";
    /** What BigCommerce sends, as HTTP Basic, to the app's Tax Provider endpoints. */
    public static final String TAX_PROVIDER_USERNAME = "bc-tax-provider";
    public static final String TAX_PROVIDER_PASSWORD = "taxPr0vider-Pw-6Jd3Nc8Vb1";

    private BigCommerceFixture() {
    }

    public static List<String> secrets() {
        return List.of(STORE_A_TOKEN, STORE_B_TOKEN, APP_CLIENT_SECRET, TAX_PROVIDER_PASSWORD);
    }
}
