package dev.tollgate.demo.sandbox;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * What BigCommerce's Developer Portal holds for the demo app: its client id and secret and its
 * callback URLs. The sandbox reads them from the demo application's own keys in the server's
 * configuration ({@code tollgate.bigcommerce.client-id}, {@code client-secret},
 * {@code auth-callback-url}), so that the demo cannot register one URL or secret at its
 * "BigCommerce" and configure another in the app, which is a mistake an administrator makes with
 * the real Developer Portal, not one the demo should show. The other callbacks sit next to the auth
 * callback, as the app's one resource serves all four ({@code load}, {@code uninstall},
 * {@code remove_user}).
 */
record AppRegistration(String clientId, String clientSecret, URI authCallback) {

    static final String PREFIX = "tollgate.bigcommerce.";

    /** The registration, or empty when the server's configuration has no BigCommerce app. */
    static Optional<AppRegistration> from(Config config) {
        Optional<String> clientId = config.getOptionalValue(PREFIX + "client-id", String.class);
        Optional<String> secret = config.getOptionalValue(PREFIX + "client-secret", String.class);
        Optional<String> auth = config.getOptionalValue(PREFIX + "auth-callback-url", String.class);
        Optional<URI> authCallback = auth.flatMap(AppRegistration::absoluteHttpUrl);
        if (clientId.isEmpty() || secret.isEmpty() || authCallback.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new AppRegistration(clientId.get().trim(), secret.get(), authCallback.get()));
    }

    /**
     * The URL, when a browser can be sent to it and the other callbacks resolved next to it: a typo
     * registers no app (the control panel then names the key) rather than failing each of its requests.
     */
    private static Optional<URI> absoluteHttpUrl(String text) {
        try {
            URI url = new URI(text.trim());
            boolean http = "http".equalsIgnoreCase(url.getScheme()) || "https".equalsIgnoreCase(url.getScheme());
            return http && url.getHost() != null && url.getRawPath() != null ? Optional.of(url) : Optional.empty();
        } catch (URISyntaxException notAUrl) {
            return Optional.empty();
        }
    }

    /** Never the secret. */
    @Override
    public String toString() {
        return "AppRegistration[clientId=" + clientId + ", authCallback=" + authCallback + "]";
    }

    URI loadCallback() {
        return authCallback.resolve("load");
    }

    URI uninstallCallback() {
        return authCallback.resolve("uninstall");
    }

    /** True when {@code url} is on the app's own origin: where the control panel may send a browser back to. */
    boolean sameOrigin(URI url) {
        return url.isAbsolute() && authCallback.getScheme().equalsIgnoreCase(url.getScheme())
                && authCallback.getHost() != null && authCallback.getHost().equalsIgnoreCase(url.getHost())
                && authCallback.getPort() == url.getPort() && url.getRawUserInfo() == null;
    }
}
