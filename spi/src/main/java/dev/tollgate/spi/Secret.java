package dev.tollgate.spi;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Objects;

/**
 * A secret value: an API token, a client secret, an access or refresh token. Its
 * {@link #toString()} never shows it; code that must send it calls {@link #reveal()}.
 */
public final class Secret {

    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    public static Secret of(String value) {
        return new Secret(value);
    }

    /**
     * The value of an {@code Authorization: Basic} header for {@code user} and {@code password}:
     * the Base64 of {@code user:password}. It is a secret itself (it decodes to the password), so
     * a token request that sends it passes it to {@link TokenEndpoint#send} with the password, and
     * an error body that echoes the header is cleaned of it.
     */
    public static Secret basic(String user, Secret password) {
        String pair = user + ":" + password.reveal();
        return new Secret(Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }

    /** The value itself, for the one place that sends it. */
    public String reveal() {
        return value;
    }

    public boolean isBlank() {
        return value.isBlank();
    }

    /**
     * A form that can be shown to a person to tell tokens apart: the last four characters of a
     * long value, nothing of a short one.
     */
    public String masked() {
        return value.length() < 16 ? "****" : "****" + value.substring(value.length() - 4);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret other && MessageDigest.isEqual(
                value.getBytes(StandardCharsets.UTF_8), other.value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "Secret[****]";
    }
}
