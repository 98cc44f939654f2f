package dev.tollgate.provider.bigcommerce.inbound;

import dev.tollgate.spi.Secret;
import dev.tollgate.spi.TenantSettings;
import java.nio.charset.StandardCharsets;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The app's {@code client-id} and {@code client-secret}: the secret is the HS256 key of every JWT
 * BigCommerce signs for the app and of the Customer Login JWT the app signs.
 */
record AppCredentials(String clientId, Secret clientSecret) {

    static final String CLIENT_ID = "client-id";
    static final String CLIENT_SECRET = "client-secret";

    static AppCredentials from(TenantSettings settings) {
        Secret secret = settings.requireSecret(CLIENT_SECRET, "BigCommerce app client secret");
        if (secret.reveal().getBytes(StandardCharsets.UTF_8).length < 32) {
            throw settings.invalid(CLIENT_SECRET, "is shorter than 32 bytes, too short an HS256 key; use the app's client secret"
                    + " from the BigCommerce developer portal");
        }
        return new AppCredentials(settings.require(CLIENT_ID, "BigCommerce app client id"), secret);
    }

    SecretKey key() {
        return new SecretKeySpec(clientSecret.reveal().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }
}
