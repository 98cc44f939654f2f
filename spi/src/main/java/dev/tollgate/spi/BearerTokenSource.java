package dev.tollgate.spi;

import java.util.Map;

/**
 * The common source: an expiring access token from a token endpoint, sent as
 * {@code Authorization: Bearer <token>}; a 401 makes the engine fetch a new one and repeat the
 * request once. Providers implement only {@link #obtain} (and {@link #refresh} when the vendor has
 * refresh tokens, {@link #check} to have deployment check the keys {@code obtain} reads).
 */
public abstract class BearerTokenSource implements CredentialSource {

    @Override
    public String name() {
        return "access-token";
    }

    @Override
    public Map<String, String> headers(Credential credential) {
        return Map.of("Authorization", "Bearer " + credential.value().reveal());
    }
}
