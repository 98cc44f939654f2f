package dev.tollgate.provider.oauth2;

import java.net.URI;
import java.util.Locale;

/**
 * The rule every URL a secret goes to follows, for a URL that comes from an authorization
 * server's metadata rather than from a key ({@link dev.tollgate.spi.TenantSettings#requireUrl}
 * checks keys): absolute, https (http only to a loopback host), no user information.
 */
final class SafeUrls {

    private SafeUrls() {
    }

    /** Why {@code url} may not receive a secret, or {@code null} when it may. */
    static String problem(URI url) {
        if (!url.isAbsolute() || url.getHost() == null) {
            return "is not an absolute URL with a host";
        }
        if (url.getRawUserInfo() != null) {
            return "carries user information";
        }
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("https") || scheme.equals("http") && isLoopback(url.getHost())) {
            return null;
        }
        return "is not https (http is allowed for a loopback host only)";
    }

    /** {@code localhost}, {@code 127.0.0.0/8} and {@code [::1]}, judged from the text alone: no DNS. */
    static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.equals("localhost") || h.equals("[::1]") || h.equals("::1")) {
            return true;
        }
        return h.matches("127\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)");
    }

    /**
     * Text an authorization server sent, fit for a message: printable, at most 200 characters.
     * Control and format characters become a space: a line break would start a forged log line,
     * and a bidirectional override (U+202E) or an invisible one (U+200B) would make another
     * issuer read as the configured one. Never a secret: metadata is public.
     */
    static String printable(String untrusted) {
        if (untrusted == null) {
            return "(none)";
        }
        String clean = untrusted.replaceAll("[\\p{Cc}\\p{Cf}\\p{Cs}\\p{Zl}\\p{Zp}]+", " ").strip();
        return clean.length() > 200 ? clean.substring(0, 200) + "…" : clean;
    }
}
