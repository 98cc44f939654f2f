package dev.tollgate.engine.fake;

import dev.tollgate.spi.AuthProvider;
import dev.tollgate.spi.ClientProtocol;
import dev.tollgate.spi.Credential;
import dev.tollgate.spi.CredentialSource;
import dev.tollgate.spi.OutgoingRequest;
import dev.tollgate.spi.TenantSettings;
import dev.tollgate.spi.TokenContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The smallest provider: a configured {@code token} sent as {@code X-Static-Token}; requests
 * under {@code public/} carry nothing. Found by the engine's ServiceLoader through this test's
 * META-INF/services, as any provider jar would be.
 */
public final class StaticHeaderProvider implements AuthProvider {

    public static final String ID = "static-header";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public ClientProtocol bind(TenantSettings clientSettings) {
        CredentialSource token = new CredentialSource() {
            @Override
            public String name() {
                return "token";
            }

            @Override
            public boolean isStatic() {
                return true;
            }

            @Override
            public Credential obtain(TokenContext context) {
                return Credential.permanent(context.settings().requireTenantSecret("token", "static token"));
            }

            @Override
            public Map<String, String> headers(Credential credential) {
                return Map.of("X-Static-Token", credential.value().reveal());
            }
        };
        return new ClientProtocol() {
            @Override
            public List<CredentialSource> credentialsFor(OutgoingRequest request) {
                return request.relativePath().startsWith("public/") ? List.of() : List.of(token);
            }

            @Override
            public Optional<String> errorDetail(int status, String body) {
                return Optional.of(body);
            }

            @Override
            public void validate(TenantSettings settings) {
                settings.requireTenantSecret("token", "static token");
            }
        };
    }
}
