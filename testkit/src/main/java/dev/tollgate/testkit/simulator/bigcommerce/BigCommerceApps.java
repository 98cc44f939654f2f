package dev.tollgate.testkit.simulator.bigcommerce;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The apps registered in the simulated Developer Portal: client id, client secret (which signs the
 * app's callbacks and authenticates its code exchanges) and auth callback URL (the one
 * {@code redirect_uri} its codes are bound to). The fixture app is registered from the start,
 * without an auth callback URL: it can be sent signed payloads at once, but cannot be installed
 * until {@link BigCommerceSimulator#registerApp} gives it one.
 */
final class BigCommerceApps {

    /** A registered app; {@code authCallbackUrl} is null until one is registered. */
    record App(String clientId, String clientSecret, String authCallbackUrl, String accountUuid) {

        Optional<String> callbackUrl() {
            return Optional.ofNullable(authCallbackUrl);
        }

        @Override
        public String toString() {
            return "App[" + clientId + "]"; // the secret stays out of messages
        }
    }

    private final Map<String, App> byClientId = new ConcurrentHashMap<>();

    BigCommerceApps() {
        register(BigCommerceFixture.APP_CLIENT_ID, BigCommerceFixture.APP_CLIENT_SECRET, null);
    }

    /** Registers the app or, for a known client id, replaces its secret and URL (as editing it in the portal). */
    App register(String clientId, String clientSecret, String authCallbackUrl) {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        if (clientId.isBlank() || clientSecret.isBlank()) {
            throw new IllegalArgumentException("an app has a client id and a client secret");
        }
        // the developer account that owns the app: stable for a client id, as a real account is
        String accountUuid = UUID.nameUUIDFromBytes(("account:" + clientId).getBytes(StandardCharsets.UTF_8)).toString();
        App app = new App(clientId, clientSecret, authCallbackUrl, accountUuid);
        byClientId.put(clientId, app);
        return app;
    }

    Optional<App> byClientId(String clientId) {
        return clientId == null ? Optional.empty() : Optional.ofNullable(byClientId.get(clientId));
    }

    App existing(String clientId) {
        return byClientId(clientId).orElseThrow(() -> new IllegalArgumentException("no app registered with client id " + clientId));
    }
}
