package dev.tollgate.provider.oauth2;

import dev.tollgate.spi.TenantSettings;
import java.util.ServiceConfigurationError;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * SmallRye JWT, which builds the assertions, reads settings of its own from the application's
 * MicroProfile Config, outside {@code tollgate.*}: an application that issues its own tokens with
 * {@code smallrye.jwt.new-token.override-matching-claims=true} and an issuer or audience there
 * would have them replace the assertion's {@code iss} or {@code aud}, which the server then
 * refuses with a bare {@code invalid_client}. Both are told at deployment instead, as is a JVM
 * without a MicroProfile Config implementation, where the library cannot sign at all.
 */
final class SmallRyeJwtSettings {

    static final String OVERRIDE = "smallrye.jwt.new-token.override-matching-claims";
    static final String ISSUER = "smallrye.jwt.new-token.issuer";
    static final String AUDIENCE = "smallrye.jwt.new-token.audience";

    private SmallRyeJwtSettings() {
    }

    static void check(TenantSettings settings, String method) {
        Config config;
        try {
            config = ConfigProvider.getConfig();
        } catch (IllegalStateException | ServiceConfigurationError e) {
            throw settings.invalid(ClientAuthentications.AUTH_METHOD, "is " + method + ", whose assertions SmallRye JWT signs; it reads"
                    + " its own settings from MicroProfile Config, and this JVM has no MicroProfile Config implementation");
        }
        boolean overrides = config.getOptionalValue(OVERRIDE, Boolean.class).orElse(false);
        if (overrides && (config.getOptionalValue(ISSUER, String.class).isPresent()
                || config.getOptionalValue(AUDIENCE, String.class).isPresent())) {
            throw settings.invalid(ClientAuthentications.AUTH_METHOD, "is " + method + ", but this application sets " + OVERRIDE
                    + "=true with " + ISSUER + " or " + AUDIENCE + ": SmallRye JWT, which builds the assertion, would replace its"
                    + " iss or aud with them and the authorization server would refuse it; leave " + OVERRIDE + " false");
        }
    }
}
