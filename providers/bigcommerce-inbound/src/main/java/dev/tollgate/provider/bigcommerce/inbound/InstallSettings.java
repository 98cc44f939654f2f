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
        // the client secret is sent there: the same rules as a token endpoint's URL
        return client.get(OAUTH_URL).isPresent() ? client.requireUrl(OAUTH_URL, "BigCommerce login service URL")
                : DEFAULT_OAUTH_URL;
    }

    static URI authCallbackUrl(TenantSettings client) {
        return client.requireUrl(AUTH_CALLBACK_URL, "URL of the app's auth callback, as registered at BigCommerce");
    }

    /** {@code {oauth-url}/oauth2/token}. */
    URI tokenUrl() {
        String base = oauthUrl.toString();
        return URI.create((base.endsWith("/") ? base : base + "/") + "oauth2/token");
    }
}
