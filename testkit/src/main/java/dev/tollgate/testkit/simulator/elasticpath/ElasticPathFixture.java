package dev.tollgate.testkit.simulator.elasticpath;

import java.util.List;

/**
 * Credentials and ids of the standard simulated Elastic Path stores. They are test values, but
 * tests treat the secrets and passwords as secrets: the log of every test run is scanned for them.
 */
public final class ElasticPathFixture {

    /** A store in {@code useast} with a client secret, one shopper and one account member. */
    public static final String ACME_CLIENT_ID = "Xk4Wq8Rz2Lm6Tp0Vc3Nb7Hs5Jd9Fg1Ay2Ue6Io4Pw";
    public static final String ACME_CLIENT_SECRET = "s9Dk3Lq7Mz1Xv5Bn8Wc2Rt6Yp0Hg4Jf7Ka3Ne9Ub5Io";

    public static final String JANE_CUSTOMER_ID = "5c0a3b9e-1f2d-4e6a-9b8c-7d6e5f4a3b21";
    public static final String JANE_EMAIL = "jane.shopper@example.com";
    public static final String JANE_PASSWORD = "correct-horse-battery-7";

    public static final String PASSWORD_PROFILE_ID = "8e1d2c3b-4a5f-4687-9a0b-1c2d3e4f5a6b";
    public static final String BOB_MEMBER_ID = "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d";
    public static final String BOB_USERNAME = "bob.buyer";
    public static final String BOB_PASSWORD = "tr0ub4dor-and-3";
    public static final String BOB_FIRST_ACCOUNT_ID = "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0";
    public static final String BOB_SECOND_ACCOUNT_ID = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";

    /** A store in {@code euwest}: its tokens are invalid in {@code useast}. */
    public static final String GLOBEX_CLIENT_ID = "Gq2Lw5Ex8Rt1Yu4Io7Pa0Sd3Fg6Hj9Kl2Zx5Cv8Bn1";
    public static final String GLOBEX_CLIENT_SECRET = "e3Rt6Yu9Io2Pa5Sd8Fg1Hj4Kl7Zx0Cv3Bn6Mq9Wl2Ek";

    /** A {@code useast} store without a client secret: implicit tokens only. */
    public static final String STOREFRONT_ONLY_CLIENT_ID = "Sf7Tr3On1Ly5Cl9Ie2Nt4Id6Qw8Er0Ty3Ui5Op7As9";

    private ElasticPathFixture() {
    }

    public static List<String> secrets() {
        return List.of(ACME_CLIENT_SECRET, GLOBEX_CLIENT_SECRET, JANE_PASSWORD, BOB_PASSWORD);
    }
}
