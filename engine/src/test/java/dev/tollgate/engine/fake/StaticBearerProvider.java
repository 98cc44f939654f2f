package dev.tollgate.engine.fake;

import dev.tollgate.spi.AuthProvider;
import dev.tollgate.spi.ClientProtocol;
import dev.tollgate.spi.ConfiguredSecret;
import dev.tollgate.spi.TenantSettings;

/**
 * A static API token per merchant ({@code api-token}), sent as {@code Authorization: Bearer}: what
 * the simulated TaxJar accepts, without anything TaxJar-specific, so that the engine's tenant,
 * origin and header rules are tested on their own. Built from the SPI's blocks alone.
 */
public final class StaticBearerProvider implements AuthProvider {

    public static final String ID = "static-bearer";

    private static final ClientProtocol PROTOCOL = ClientProtocol.always(ConfiguredSecret.bearer("api-token", "static API token"))
            .rejectionAdvice(settings -> "Check " + settings.keyName("api-token") + ".");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public ClientProtocol bind(TenantSettings clientSettings) {
        return PROTOCOL;
    }
}
