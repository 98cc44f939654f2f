package dev.tollgate.engine.fake;

import dev.tollgate.spi.AuthProvider;
import dev.tollgate.spi.ClientProtocol;
import dev.tollgate.spi.ConfiguredSecret;
import dev.tollgate.spi.CredentialSource;
import dev.tollgate.spi.OutgoingRequest;
import dev.tollgate.spi.TenantKey;
import dev.tollgate.spi.TenantSettings;
import java.util.List;

/**
 * A provider with a bug a save cannot see: a tenant whose {@code label} is {@code explode} makes
 * it throw when a call asks which credentials to attach, quoting the tenant's token in its
 * message, as careless code does.
 */
public final class BrittleProvider implements AuthProvider {

    public static final String ID = "brittle";

    private static final CredentialSource TOKEN = ConfiguredSecret.bearer("api-token", "API token");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public ClientProtocol bind(TenantSettings clientSettings) {
        return new ClientProtocol() {
            @Override
            public List<CredentialSource> credentialsFor(OutgoingRequest request) {
                TenantSettings settings = request.settings();
                if (settings.get("label").filter("explode"::equals).isPresent()) {
                    throw new IllegalStateException("cannot use " + settings.requireTenantSecret("api-token", "API token").reveal());
                }
                return List.of(TOKEN);
            }

            @Override
            public void validate(TenantSettings settings) {
                settings.requireTenantSecret("api-token", "API token");
            }

            @Override
            public List<TenantKey> tenantKeys() {
                return List.of(TenantKey.secret("api-token", "API token"), TenantKey.plain("label", "a name people read"));
            }
        };
    }
}
