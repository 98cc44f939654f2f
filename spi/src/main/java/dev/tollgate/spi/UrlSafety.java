package dev.tollgate.spi;

import java.net.URI;
import java.util.Locale;

/**
 * The rule for every URL a credential may go to, whether an administrator configured it or a
 * server's answer named it (an authorization server's metadata): absolute, https (http only to a
 * loopback host), no user information. {@link TenantSettings#requireUrl} applies it to keys.
 */
public final class UrlSafety {

    private UrlSafety() {
    }

    /** True for {@code localhost}, {@code 127.0.0.0/8} and {@code [::1]}, judged from the text alone: no DNS. */
    public static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.equals("localhost") || h.equals("[::1]") || h.equals("::1")) {
            return true;
        }
        String[] octets = h.split("\\.", -1);
        if (octets.length != 4 || !octets[0].equals("127")) {
            return false;
        }
        for (String octet : octets) {
            if (octet.isEmpty() || octet.length() > 3 || !octet.chars().allMatch(Character::isDigit)
                    || Integer.parseInt(octet) > 255) {
                return false;
            }
        }
        return true;
    }

    /** Why a credential may not be sent to {@code url}, or {@code null} when it may. */
    public static String problem(URI url) {
        if (!url.isAbsolute() || url.getHost() == null) {
            return "is not an absolute URL with a host (expected e.g. https://api.example.com/v2)";
        }
        if (url.getRawUserInfo() != null) {
            return "must not carry user information; put credentials in their own keys";
        }
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("https")) {
            return null;
        }
        if (scheme.equals("http") && isLoopback(url.getHost())) {
            return null;
        }
        if (scheme.equals("http")) {
            return "uses http to a host that is not loopback; credentials are sent only over https"
                    + " (http is allowed for localhost and 127.0.0.1 only)";
        }
        return "has scheme '" + scheme + "'; use https";
    }
}
