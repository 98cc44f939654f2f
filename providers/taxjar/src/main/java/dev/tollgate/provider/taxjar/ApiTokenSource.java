package dev.tollgate.provider.taxjar;

import dev.tollgate.spi.Credential;
import dev.tollgate.spi.CredentialSource;
import dev.tollgate.spi.Secret;
import dev.tollgate.spi.TenantSettings;
import dev.tollgate.spi.TokenContext;
import java.util.Map;

/**
 * The merchant's API token, read from configuration. It never expires; a 401 means it is wrong
 * or was regenerated, which only the merchant can fix.
 */
final class ApiTokenSource implements CredentialSource {

    static final String KEY = "api-token";
    static final String HINT = "TaxJar API token";

    @Override
    public String name() {
        return KEY;
    }

    @Override
    public boolean isStatic() {
        return true;
    }

    @Override
    public Credential obtain(TokenContext context) {
        return Credential.permanent(read(context.settings()));
    }

    /** A merchant's own token only: never the client's or another merchant's by fallback. */
    static Secret read(TenantSettings settings) {
        return settings.requireTenantSecret(KEY, HINT);
    }

    @Override
    public Map<String, String> headers(Credential credential) {
        return Map.of("Authorization", "Bearer " + credential.value().reveal());
    }
}
