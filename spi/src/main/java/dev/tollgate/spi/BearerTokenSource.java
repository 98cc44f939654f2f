package dev.tollgate.spi;

import java.util.Map;

/**
 * The common case: an expiring access token from a token endpoint, sent as
 * {@code Authorization: Bearer <token>}. Providers implement only {@link #obtain} (and
 * {@link #refresh} when the vendor has refresh tokens).
 */
public abstract class BearerTokenSource implements CredentialSource {

    @Override
    public String name() {
        return "access-token";
    }

    /** Renewable: a 401 makes the engine fetch a new one and repeat the request once. */
    @Override
    public boolean isStatic() {
        return false;
    }

    @Override
    public Map<String, String> headers(Credential credential) {
        return Map.of("Authorization", "Bearer " + credential.value().reveal());
    }
}
