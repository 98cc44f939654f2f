package dev.tollgate.engine;

import java.net.URI;
import java.util.Locale;

/**
 * Where credentials may go. A {@code base-url} must be https unless its host is loopback, and a
 * credential is attached only to a request for the base URL's origin (scheme, host and port).
 */
public final class OriginPolicy {

    private OriginPolicy() {
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

    /** Why a base URL is not acceptable, or {@code null} when it is. */
    public static String problemWithBaseUrl(URI url) {
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

    public static boolean sameOrigin(URI base, URI request) {
        return request.getScheme() != null && request.getHost() != null
                && sameIgnoringCase(base.getScheme(), request.getScheme())
                && sameIgnoringCase(base.getHost(), request.getHost())
                && port(base) == port(request);
    }

    /** Runs on every request: the exact comparison first, which is how URLs are nearly always written. */
    private static boolean sameIgnoringCase(String a, String b) {
        return a.equals(b) || a.equalsIgnoreCase(b);
    }

    /**
     * A URL for messages: scheme, host, port and path. User information shows as {@code ***}
     * (it may hold a password), and the query and fragment are left out (they may hold keys); a
     * URL whose host cannot be read is not shown at all.
     */
    public static String printable(URI uri) {
        if (uri.getScheme() == null || uri.getHost() == null) {
            return "(a URL without a readable host)";
        }
        return uri.getScheme() + "://" + (uri.getRawUserInfo() != null ? "***@" : "") + uri.getHost()
                + (uri.getPort() != -1 ? ":" + uri.getPort() : "") + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    /** {@code scheme://host:port}, for messages. */
    public static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + ":" + port(uri);
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        String scheme = uri.getScheme();
        return sameIgnoringCase("https", scheme) ? 443 : sameIgnoringCase("http", scheme) ? 80 : -1;
    }
}
