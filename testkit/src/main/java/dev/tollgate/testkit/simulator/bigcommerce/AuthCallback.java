package dev.tollgate.testkit.simulator.bigcommerce;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * What BigCommerce puts on the app's auth callback URL when a merchant installs the app: the
 * single-use {@code code}, the granted {@code scope}, {@code context} ({@code stores/{hash}}) and the
 * developer's {@code account_uuid}.
 */
public record AuthCallback(String code, String scope, String context, String accountUuid) {

    /**
     * The URL the merchant's browser is sent to: {@code authCallbackUrl?code=..&scope=..&context=..&account_uuid=..},
     * each value percent-encoded (a space as {@code %20}), after any query the URL already has.
     */
    public URI at(URI authCallbackUrl) {
        if (authCallbackUrl.getRawFragment() != null) {
            throw new IllegalArgumentException("an OAuth redirect URI has no fragment (RFC 6749 §3.1.2)");
        }
        String query = "code=" + encode(code) + "&scope=" + encode(scope) + "&context=" + encode(context)
                + "&account_uuid=" + encode(accountUuid);
        String url = authCallbackUrl.toString();
        return URI.create(url + (authCallbackUrl.getRawQuery() == null ? "?" : "&") + query);
    }

    @Override
    public String toString() {
        return "AuthCallback[" + context + ", " + scope + "]"; // the code is a credential until exchanged
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
