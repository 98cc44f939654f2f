package dev.tollgate.spi;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A key a tenant's own values may hold when the tenant is saved at run time (see
 * {@link ClientProtocol#tenantKeys()}): its name, as under {@code tollgate.<client>.tenants.<tenant>.},
 * whether it is secret (then it is stored encrypted and never shown), and what it is, for messages.
 *
 * @param name        e.g. {@code api-token}
 * @param secret      true for a credential: stored encrypted, masked when listed
 * @param description what the value is, for people: {@code TaxJar API token}
 */
public record TenantKey(String name, boolean secret, String description) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    public TenantKey {
        Objects.requireNonNull(description, "description");
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a tenant key is lower case letters, digits and '-': " + name);
        }
    }

    /** A credential: stored encrypted. */
    public static TenantKey secret(String name, String description) {
        return new TenantKey(name, true, description);
    }

    /** A value that is not a secret ({@code store-hash}): stored as it is. */
    public static TenantKey plain(String name, String description) {
        return new TenantKey(name, false, description);
    }
}
