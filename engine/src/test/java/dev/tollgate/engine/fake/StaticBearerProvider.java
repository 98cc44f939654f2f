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

/**
 * A static API token per merchant ({@code api-token}), sent as {@code Authorization: Bearer}: what
 * the simulated TaxJar accepts, without anything TaxJar-specific, so that the engine's tenant,
 * origin and header rules are tested on their own.
 */
public final class StaticBearerProvider implements AuthProvider {

    public static final String ID = "static-bearer";

    private static final CredentialSource API_TOKEN = new CredentialSource() {
        @Override
        public String name() {
            return "api-token";
        }

        @Override
        public boolean isStatic() {
            return true;
        }

        @Override
        public Credential obtain(TokenContext context) {
            return Credential.permanent(context.settings().requireTenantSecret("api-token", "static API token"));
        }

        @Override
        public Map<String, String> headers(Credential credential) {
            return Map.of("Authorization", "Bearer " + credential.value().reveal());
        }
    };

    @Override
    public String id() {
        return ID;
    }

    @Override
    public ClientProtocol bind(TenantSettings clientSettings) {
        return new ClientProtocol() {
            @Override
            public List<CredentialSource> credentialsFor(OutgoingRequest request) {
                return List.of(API_TOKEN);
            }

            @Override
            public String rejectionAdvice(TenantSettings settings) {
                return "Check " + settings.keyName("api-token") + ".";
            }

            @Override
            public void validate(TenantSettings settings) {
                settings.requireTenantSecret("api-token", "static API token");
            }
        };
    }
}
