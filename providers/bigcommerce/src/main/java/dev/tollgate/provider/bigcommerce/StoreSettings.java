package dev.tollgate.provider.bigcommerce;

import dev.tollgate.spi.Secret;
import dev.tollgate.spi.TenantSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A store's keys: {@code store-hash} and {@code access-token} (each store's own, under
 * {@code tenants.<store>.}), {@code payments-url} (default {@code https://payments.bigcommerce.com}),
 * and for GraphQL Storefront tokens {@code storefront-url} (the storefront's origin),
 * {@code storefront-channel-id} (default 1), {@code storefront-token-lifetime} (default P1D) and
 * {@code storefront-allowed-origins} (optional, comma-separated, at most 2). The store hash and the
 * storefront URL are public: the inbound module (tollgate-provider-bigcommerce-inbound) reads them too.
 */
public final class StoreSettings {

    public static final String STORE_HASH = "store-hash";
    static final String ACCESS_TOKEN = "access-token";
    static final String PAYMENTS_URL = "payments-url";
    public static final String STOREFRONT_URL = "storefront-url";
    static final String CHANNEL_ID = "storefront-channel-id";
    static final String LIFETIME = "storefront-token-lifetime";
    static final String ALLOWED_ORIGINS = "storefront-allowed-origins";
    static final String REVOKE_ON_SHUTDOWN = "storefront-revoke-on-shutdown";
    static final URI PAYMENTS = URI.create("https://payments.bigcommerce.com");

    private StoreSettings() {
    }

    public static String storeHash(TenantSettings settings) {
        // the store's own: a store without one must not act on the client's store
        String hash = settings.requireTenantOwn(STORE_HASH, "BigCommerce store hash").trim();
        if (!hash.matches("[A-Za-z0-9]+")) {
            throw settings.invalid(STORE_HASH, "must be the store hash alone (letters and digits), as in /stores/{hash}/");
        }
        return hash;
    }

    /** The store's own stable token: never another store's by fallback. */
    static Secret accessToken(TenantSettings settings) {
        return settings.requireTenantSecret(ACCESS_TOKEN, "BigCommerce API account access token");
    }

    static URI paymentsUrl(TenantSettings settings) {
        return url(settings, PAYMENTS_URL).orElse(PAYMENTS);
    }

    /** The store's own storefront domain, never another store's by fallback. */
    public static Optional<URI> storefrontUrl(TenantSettings settings) {
        Optional<String> raw = settings.getTenantOwn(STOREFRONT_URL);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new URI(raw.get().trim()));
        } catch (URISyntaxException e) {
            throw settings.invalid(STOREFRONT_URL, "is not a valid URL");
        }
    }

    static int channelId(TenantSettings settings) {
        String raw = settings.get(CHANNEL_ID).orElse("1").trim();
        try {
            int id = Integer.parseInt(raw);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw settings.invalid(CHANNEL_ID, "must be a positive whole number");
    }

    static Duration lifetime(TenantSettings settings) {
        Duration lifetime = settings.duration(LIFETIME, Duration.ofDays(1));
        if (lifetime.compareTo(Duration.ofMinutes(5)) < 0) {
            throw settings.invalid(LIFETIME, "must be at least PT5M");
        }
        return lifetime;
    }

    static List<String> allowedOrigins(TenantSettings settings) {
        List<String> origins = settings.get(ALLOWED_ORIGINS).map(v -> Arrays.stream(v.split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).toList()).orElse(List.of());
        if (origins.size() > 2) {
            throw settings.invalid(ALLOWED_ORIGINS, "lists more than the 2 origins BigCommerce accepts");
        }
        return origins;
    }

    static boolean revokeOnShutdown(TenantSettings settings) {
        String value = settings.get(REVOKE_ON_SHUTDOWN).map(String::trim).orElse("false");
        if (!value.equals("true") && !value.equals("false")) {
            throw settings.invalid(REVOKE_ON_SHUTDOWN, "must be true or false");
        }
        return value.equals("true");
    }

    private static Optional<URI> url(TenantSettings settings, String key) {
        Optional<String> raw = settings.get(key);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new URI(raw.get().trim()));
        } catch (URISyntaxException e) {
            throw settings.invalid(key, "is not a valid URL");
        }
    }
}
