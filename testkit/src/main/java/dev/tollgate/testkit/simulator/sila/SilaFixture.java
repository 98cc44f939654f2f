package dev.tollgate.testkit.simulator.sila;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

/**
 * Credentials of the standard simulated Sila apps. They are test values, but tests treat them as
 * secrets: the log of every test run is scanned for them.
 */
public final class SilaFixture {

    /** Registered in both environments, with different credentials in each. */
    public static final String ACME_APP_HANDLE = "acme_payments";
    public static final String ACME_SANDBOX_CLIENT_ID = "hXb3mK9qTz2vLw8rNc4pYs6d";
    public static final String ACME_SANDBOX_CLIENT_SECRET = "Q7fJ2kVn9xR4tB8mW1zH6cL3pD5sG0yA";

    /** A second sandbox app: its tokens are "issued to another app handle" for ACME requests. */
    public static final String GLOBEX_APP_HANDLE = "globex_wallet";
    public static final String GLOBEX_SANDBOX_CLIENT_ID = "Gm5wQ2eR8tY1uI4oP7aS0dFh";
    public static final String GLOBEX_SANDBOX_CLIENT_SECRET = "Zc3Vb6Nm9Lk2Jh5Gf8Ds1Aq4Wp7Eo0Ri";

    public static final String ACME_PRODUCTION_CLIENT_ID = "Pr0dA9cMe7x2Kq5Tn8Lw3Rv6";
    public static final String ACME_PRODUCTION_CLIENT_SECRET = "Y2uHs8Kd4Fg7Jm1Np5Qr9Tv3Wx6Zb0Ce";

    private SilaFixture() {
    }

    /** {@code Basic base64(client_id:client_secret)}, as Sila's auth_token endpoint wants it. */
    public static String basicAuthorization(String clientId, String clientSecret) {
        return "Basic " + basicCredential(clientId, clientSecret);
    }

    /**
     * The client secrets and their Basic encodings: a log line with the encoded header leaks the
     * secret as surely as the secret itself, and a plain substring scan would not see it.
     */
    public static List<String> secrets() {
        return Stream.of(
                List.of(ACME_SANDBOX_CLIENT_ID, ACME_SANDBOX_CLIENT_SECRET),
                List.of(GLOBEX_SANDBOX_CLIENT_ID, GLOBEX_SANDBOX_CLIENT_SECRET),
                List.of(ACME_PRODUCTION_CLIENT_ID, ACME_PRODUCTION_CLIENT_SECRET))
                .flatMap(c -> Stream.of(c.get(1), basicCredential(c.get(0), c.get(1))))
                .toList();
    }

    private static String basicCredential(String clientId, String clientSecret) {
        return Base64.getEncoder().encodeToString((clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
    }
}
