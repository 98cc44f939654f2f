package dev.tollgate.engine;

import dev.tollgate.spi.UrlSafety;
import java.net.URI;

/**
 * Where credentials may go. A {@code base-url} must be https unless its host is loopback, and a
 * credential is attached only to a request for the base URL's origin (scheme, host and port).
 */
public final class OriginPolicy {

    private OriginPolicy() {
    }

    /** True for {@code localhost}, {@code 127.0.0.0/8} and {@code [::1]}: {@link UrlSafety#isLoopback}. */
    public static boolean isLoopback(String host) {
        return UrlSafety.isLoopback(host);
    }

    /** Why a base URL is not acceptable, or {@code null} when it is: {@link UrlSafety#problem}. */
    public static String problemWithBaseUrl(URI url) {
        return UrlSafety.problem(url);
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
