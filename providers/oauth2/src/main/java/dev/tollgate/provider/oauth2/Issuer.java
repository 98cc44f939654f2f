package dev.tollgate.provider.oauth2;

import dev.tollgate.spi.TenantSettings;
import java.net.URI;

/**
 * The {@code issuer} key: the authorization server's issuer identifier (RFC 8414 §2), where its
 * metadata is found. https (http only to a loopback host, as every URL a secret goes to), no
 * user information, no query, no fragment.
 *
 * @param text the identifier exactly as configured (trimmed): the metadata's {@code issuer} must equal it
 * @param url  the same, parsed
 */
record Issuer(String text, URI url) {

    static final String KEY = "issuer";

    /** Checks the configured value; no request is made. */
    static Issuer from(TenantSettings settings) {
        URI url = settings.requireUrl(KEY, "authorization server's issuer URL");
        if (url.getRawQuery() != null || url.getRawFragment() != null) {
            throw settings.invalid(KEY, "must have no query or fragment (RFC 8414 §2): it is the issuer identifier, e.g."
                    + " https://login.example.com/realms/shop");
        }
        if (url.getRawPath() != null && url.getRawPath().contains("/.well-known/")) {
            // a pasted metadata URL: its own well-known path would be appended a second time
            throw settings.invalid(KEY, "is the URL of a metadata document; set the issuer itself, the part before"
                    + " /.well-known/");
        }
        return new Issuer(settings.require(KEY, "authorization server's issuer URL").trim(), url);
    }

    /**
     * OpenID Connect Discovery 1.0 §4: {@code /.well-known/openid-configuration} appended to the
     * issuer, a terminating {@code /} removed first.
     */
    URI openIdConfiguration() {
        return URI.create(withoutFinalSlash(text) + "/.well-known/openid-configuration");
    }

    /**
     * RFC 8414 §3.1: {@code /.well-known/oauth-authorization-server} inserted between the host and
     * the issuer's path (its terminating {@code /} removed).
     */
    URI authorizationServerMetadata() {
        String path = url.getRawPath() == null ? "" : withoutFinalSlash(url.getRawPath());
        return URI.create(url.getScheme() + "://" + url.getRawAuthority() + "/.well-known/oauth-authorization-server" + path);
    }

    private static String withoutFinalSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    @Override
    public String toString() {
        return text;
    }
}
