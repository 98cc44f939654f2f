package dev.tollgate.engine.example;

import dev.tollgate.spi.AuthProvider;
import dev.tollgate.spi.ClientProtocol;
import dev.tollgate.spi.ConfiguredSecret;
import dev.tollgate.spi.TenantSettings;
import java.net.URI;
import java.util.Optional;

/** README's "Writing a provider", word for word: a static-token API is this one class. */
public final class AcmeProvider implements AuthProvider {

    /** Every request carries the merchant's key, {@code tollgate.<client>.tenants.<merchant>.api-key}. */
    private static final ClientProtocol PROTOCOL = ClientProtocol.always(ConfiguredSecret.bearer("api-key", "Acme API key"));

    @Override
    public String id() {
        return "acme";
    }

    @Override
    public Optional<URI> defaultBaseUrl() {
        return Optional.of(URI.create("https://api.acme.example/v1/"));
    }

    @Override
    public ClientProtocol bind(TenantSettings clientSettings) {
        return PROTOCOL;
    }
}
