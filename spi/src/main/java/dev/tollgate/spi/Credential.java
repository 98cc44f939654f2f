package dev.tollgate.spi;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a provider obtained: the value it attaches, when it expires (never, for a static API
 * token), and the refresh token that may renew it.
 */
public final class Credential {

    private final Secret value;
    private final Instant expiresAt;
    private final Secret refreshToken;
    private final Instant refreshExpiresAt;

    private Credential(Secret value, Instant expiresAt, Secret refreshToken, Instant refreshExpiresAt) {
        this.value = Objects.requireNonNull(value, "value");
        this.expiresAt = expiresAt;
        this.refreshToken = refreshToken;
        this.refreshExpiresAt = refreshExpiresAt;
    }

    /** A credential with no expiry, such as a configured API token. */
    public static Credential permanent(Secret value) {
        return new Credential(value, null, null, null);
    }

    public static Credential expiring(Secret value, Instant expiresAt) {
        return new Credential(value, Objects.requireNonNull(expiresAt, "expiresAt"), null, null);
    }

    public Credential withRefreshToken(Secret token) {
        return new Credential(value, expiresAt, token, null);
    }

    /** A refresh token that itself stops working at {@code refreshExpiresAt}. */
    public Credential withRefreshToken(Secret token, Instant refreshExpiresAt) {
        return new Credential(value, expiresAt, token, refreshExpiresAt);
    }

    /** True when a refresh token exists and has not expired at {@code now}. */
    public boolean canRefreshAt(Instant now) {
        return refreshToken != null && (refreshExpiresAt == null || now.isBefore(refreshExpiresAt));
    }

    public Secret value() {
        return value;
    }

    /** Empty when the credential never expires. */
    public Optional<Instant> expiresAt() {
        return Optional.ofNullable(expiresAt);
    }

    /** When the refresh token itself stops working; empty when it has none or its expiry is not known. */
    public Optional<Instant> refreshExpiresAt() {
        return Optional.ofNullable(refreshExpiresAt);
    }

    public Optional<Secret> refreshToken() {
        return Optional.ofNullable(refreshToken);
    }

    @Override
    public String toString() {
        return "Credential[" + value.masked() + ", expires " + (expiresAt == null ? "never" : expiresAt)
                + (refreshToken == null ? "" : ", refreshable") + "]";
    }
}
