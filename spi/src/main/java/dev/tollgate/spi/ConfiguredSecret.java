package dev.tollgate.spi;

import java.util.Map;
import java.util.Objects;

/**
 * A credential an administrator configures for each tenant and that never expires by itself, such
 * as TaxJar's API token: read from the tenant's own key (never the client's or another tenant's by
 * fallback), sent in one header. A 401 on it is final: only whoever issued it can fix it.
 *
 * <pre>{@code
 * ConfiguredSecret.bearer("api-token", "TaxJar API token")      // Authorization: Bearer <token>
 * ConfiguredSecret.header("api-key", "Acme API key", "X-Api-Key") // X-Api-Key: <key>
 * }</pre>
 */
public final class ConfiguredSecret implements CredentialSource {

    private final String key;
    private final String hint;
    private final String header;
    private final String prefix;

    private ConfiguredSecret(String key, String hint, String header, String prefix) {
        this.key = Objects.requireNonNull(key, "key");
        this.hint = Objects.requireNonNull(hint, "hint");
        this.header = Objects.requireNonNull(header, "header");
        this.prefix = prefix;
    }

    /** The value of {@code key}, sent as {@code Authorization: Bearer <value>}; {@code hint} names it in errors. */
    public static ConfiguredSecret bearer(String key, String hint) {
        return new ConfiguredSecret(key, hint, "Authorization", "Bearer ");
    }

    /** The value of {@code key}, sent as the whole value of {@code header}. */
    public static ConfiguredSecret header(String key, String hint, String header) {
        return new ConfiguredSecret(key, hint, header, "");
    }

    /** The configuration key, e.g. {@code api-token}. */
    @Override
    public String name() {
        return key;
    }

    @Override
    public boolean isStatic() {
        return true;
    }

    @Override
    public Credential obtain(TokenContext context) {
        return Credential.permanent(read(context.settings()));
    }

    @Override
    public void check(TenantSettings settings) {
        read(settings);
    }

    /** The tenant's own value (the client's when the call selected no tenant). */
    public Secret read(TenantSettings settings) {
        return settings.requireTenantSecret(key, hint);
    }

    @Override
    public Map<String, String> headers(Credential credential) {
        return Map.of(header, prefix + credential.value().reveal());
    }

    @Override
    public String toString() {
        return "ConfiguredSecret[" + key + " in " + header + "]";
    }
}
