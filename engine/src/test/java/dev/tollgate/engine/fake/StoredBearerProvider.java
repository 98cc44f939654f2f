package dev.tollgate.engine.fake;

import dev.tollgate.spi.AuthProvider;
import dev.tollgate.spi.ClientProtocol;
import dev.tollgate.spi.ConfiguredSecret;
import dev.tollgate.spi.CredentialSource;
import dev.tollgate.spi.OutgoingRequest;
import dev.tollgate.spi.TenantKey;
import dev.tollgate.spi.TenantSettings;
import java.util.List;
import java.util.Optional;

/**
 * {@link StaticBearerProvider}'s protocol (a merchant's {@code api-token} as Bearer) for a client
 * whose merchants may be saved at run time: a tenant stores its {@code api-token} (secret) and a
 * {@code label} (not secret, optional). Nothing is verified with the vendor, so that the engine's
 * own rules are tested on their own.
 */
public final class StoredBearerProvider implements AuthProvider {

    public static final String ID = "stored-bearer";

    private static final ClientProtocol BEARER = ClientProtocol.always(ConfiguredSecret.bearer("api-token", "static API token"))
            .rejectionAdvice(settings -> "Check " + settings.keyName("api-token") + ".");

    private static final ClientProtocol PROTOCOL = new ClientProtocol() {
        @Override
        public List<CredentialSource> credentialsFor(OutgoingRequest request) {
            return BEARER.credentialsFor(request);
        }

        @Override
        public Optional<List<CredentialSource>> credentialsForEveryRequest() {
            return BEARER.credentialsForEveryRequest();
        }

        @Override
        public String rejectionAdvice(TenantSettings settings) {
            return BEARER.rejectionAdvice(settings);
        }

        @Override
        public Optional<String> errorDetail(int status, String body) {
            return Optional.of(body);
        }

        @Override
        public List<TenantKey> tenantKeys() {
            return List.of(TenantKey.secret("api-token", "static API token"), TenantKey.plain("label", "a name people read"));
        }

        @Override
        public void validate(TenantSettings settings) {
            BEARER.validate(settings);
        }
    };

    @Override
    public String id() {
        return ID;
    }

    @Override
    public ClientProtocol bind(TenantSettings clientSettings) {
        return PROTOCOL;
    }
}
