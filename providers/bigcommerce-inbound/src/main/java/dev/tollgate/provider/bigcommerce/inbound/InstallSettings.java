package dev.tollgate.provider.bigcommerce.inbound;

import dev.tollgate.spi.TenantSettings;
import java.net.URI;

/**
 * What exchanging an auth callback's code needs, from the client's settings: the app's
 * credentials, {@code oauth-url} (BigCommerce's login service, default
 * {@code https://login.bigcommerce.com}) and {@code auth-callback-url} (the auth callback's URL
 * exactly as registered in the Developer Portal: the {@code redirect_uri} the code is bound to).
 * Both URLs: absolute, https (http only to a loopback host), without user information.
 */
record InstallSettings(AppCredentials app, URI oauthUrl, URI authCallbackUrl) {

    static final String OAUTH_URL = "oauth-url";
    static final String AUTH_CALLBACK_URL = "auth-callback-url";
    static final URI DEFAULT_OAUTH_URL = URI.create("https://login.bigcommerce.com");

    /** @throws dev.tollgate.api.TollgateConfigException naming the key that is missing or unusable */
    static InstallSettings from(TenantSettings client) {
        return new InstallSettings(AppCredentials.from(client), oauthUrl(client), authCallbackUrl(client));
    }

    static URI oauthUrl(TenantSettings client) {
        if (client.get(OAUTH_URL).isEmpty()) {
            return DEFAULT_OAUTH_URL;
        }
        // the client secret is sent there: the same rules as a token endpoint's URL
        URI url = client.requireUrl(OAUTH_URL, "BigCommerce login service URL");
        if (url.getRawQuery() != null || url.getRawFragment() != null) {
            // "/oauth2/token" appended would land in the query or fragment, not in the path
            throw client.invalid(OAUTH_URL, "must have no query or fragment: the code is exchanged at {" + OAUTH_URL
                    + "}/oauth2/token (e.g. " + DEFAULT_OAUTH_URL + ")");
        }
        if (url.getRawPath() != null && url.getRawPath().matches(".*/oauth2/token/?")) {
            // sent to .../oauth2/token/oauth2/token, whose 404 would read as the merchant's code refused
            throw client.invalid(OAUTH_URL, "is the login service's URL without /oauth2/token, which is added (e.g. "
                    + DEFAULT_OAUTH_URL + ")");
        }
        return url;
    }

    static URI authCallbackUrl(TenantSettings client) {
        URI url = client.requireUrl(AUTH_CALLBACK_URL, "URL of the app's auth callback, as registered at BigCommerce");
        if (url.getRawFragment() != null) {
            // RFC 6749 §3.1.2: a redirection endpoint URI has no fragment; no browser sends one to the server
            throw client.invalid(AUTH_CALLBACK_URL, "must have no fragment (#...): no redirect_uri has one");
        }
        return url;
    }

    /** {@code {oauth-url}/oauth2/token}. */
    URI tokenUrl() {
        String base = oauthUrl.toString();
        return URI.create((base.endsWith("/") ? base : base + "/") + "oauth2/token");
    }
}
