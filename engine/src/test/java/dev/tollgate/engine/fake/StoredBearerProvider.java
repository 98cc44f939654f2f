package dev.tollgate.engine.fake;

import dev.tollgate.spi.AuthProvider;
import dev.tollgate.spi.ClientProtocol;
import dev.tollgate.spi.ConfiguredSecret;
import dev.tollgate.spi.CredentialVerification;
import dev.tollgate.spi.TenantKey;
import dev.tollgate.spi.TenantSettings;
import java.util.List;
import java.util.Optional;

/**
 * {@link StaticBearerProvider}'s protocol (a merchant's {@code api-token} as Bearer) for a client
 * whose merchants may be saved at run time: a tenant stores its {@code api-token} (secret) and a
 * {@code label} (not secret, optional), and a save proves the token with {@code GET categories},
 * which the simulated TaxJar answers only for a token it knows.
 */
public final class StoredBearerProvider implements AuthProvider {

    public static final String ID = "stored-bearer";

    private static final ClientProtocol PROTOCOL = ClientProtocol.always(ConfiguredSecret.bearer("api-token", "static API token"))
            .rejectionAdvice(settings -> "Check " + settings.keyName("api-token") + ".")
            .errorDetail(Optional::of)
            .tenantKeys(List.of(TenantKey.secret("api-token", "static API token"), TenantKey.plain("label", "a name people read")))
            .verification(settings -> CredentialVerification.request("GET", "/categories"));

    @Override
    public String id() {
        return ID;
    }

    @Override
    public ClientProtocol bind(TenantSettings clientSettings) {
        return PROTOCOL;
    }
}
