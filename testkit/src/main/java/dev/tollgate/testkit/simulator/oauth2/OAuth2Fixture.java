package dev.tollgate.testkit.simulator.oauth2;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Credentials of the standard simulated OAuth2 clients. They are test values, but tests treat
 * them as secrets: the log of every test run is scanned for them.
 */
public final class OAuth2Fixture {

    /**
     * Basic auth, scopes {@code invoices:read invoices:write}, 1-hour tokens, rotating refresh
     * tokens. The secret holds {@code + : space / %} on purpose: only a client that
     * form-urlencodes it before Basic encoding (RFC 6749 §2.3.1) gets in.
     */
    public static final String BILLING_CLIENT_ID = "billing-service";
    public static final String BILLING_CLIENT_SECRET = "Zx8+pQ:r2 s/Kd%41";

    /** Credentials in the body, scope {@code reports:read}, 10-minute tokens, refresh tokens that do not rotate. */
    public static final String REPORTING_CLIENT_ID = "reporting-job";
    public static final String REPORTING_CLIENT_SECRET = "9f4c2e7a1b8d3f6e0a5c9b2d7e4f1a3c";

    /** Basic auth, scope {@code metrics:write}, 5-minute tokens, no refresh tokens. */
    public static final String METRICS_CLIENT_ID = "metrics-agent";
    public static final String METRICS_CLIENT_SECRET = "mT7vQ2xK9pL4wR8zN3cB6yH1";

    private OAuth2Fixture() {
    }

    /** {@code Basic base64(urlencode(id):urlencode(secret))}, as RFC 6749 §2.3.1 wants it. */
    public static String basicAuthorization(String clientId, String clientSecret) {
        return "Basic " + basicCredential(clientId, clientSecret);
    }

    /** The secrets, and the Basic encodings of the Basic clients, which leak them just as well. */
    public static List<String> secrets() {
        return List.of(BILLING_CLIENT_SECRET, basicCredential(BILLING_CLIENT_ID, BILLING_CLIENT_SECRET),
                REPORTING_CLIENT_SECRET,
                METRICS_CLIENT_SECRET, basicCredential(METRICS_CLIENT_ID, METRICS_CLIENT_SECRET));
    }

    private static String basicCredential(String clientId, String clientSecret) {
        String pair = formEncode(clientId) + ":" + formEncode(clientSecret);
        return Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    private static String formEncode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
