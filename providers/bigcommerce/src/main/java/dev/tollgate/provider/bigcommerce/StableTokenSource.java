package dev.tollgate.provider.bigcommerce;

import dev.tollgate.spi.Credential;
import dev.tollgate.spi.CredentialSource;
import dev.tollgate.spi.TokenContext;
import java.util.Map;

/** The store's stable API account token, sent as {@code X-Auth-Token}; it does not expire. */
final class StableTokenSource implements CredentialSource {

    @Override
    public String name() {
        return "access-token";
    }

    /** A 401 means the API account was deleted or its token is wrong: final. */
    @Override
    public boolean isStatic() {
        return true;
    }

    @Override
    public Credential obtain(TokenContext context) {
        return Credential.permanent(StoreSettings.accessToken(context.settings()));
    }

    @Override
    public Map<String, String> headers(Credential credential) {
        return Map.of("X-Auth-Token", credential.value().reveal());
    }
}
