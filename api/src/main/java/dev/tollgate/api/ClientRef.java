package dev.tollgate.api;

import java.util.Objects;
import java.util.Optional;

/**
 * Names what an error or a credential belongs to: the Tollgate client, its provider and, when
 * the call selected one, the tenant (merchant, store, ...). Never holds a secret.
 */
public final class ClientRef {

    private final String client;
    private final String provider;
    private final String tenant;

    private ClientRef(String client, String provider, String tenant) {
        this.client = Objects.requireNonNull(client, "client");
        this.provider = provider;
        this.tenant = tenant;
    }

    public static ClientRef of(String client, String provider, String tenant) {
        return new ClientRef(client, provider, tenant);
    }

    public static ClientRef client(String client) {
        return new ClientRef(client, null, null);
    }

    public ClientRef withTenant(String newTenant) {
        return new ClientRef(client, provider, newTenant);
    }

    public String client() {
        return client;
    }

    public Optional<String> provider() {
        return Optional.ofNullable(provider);
    }

    public Optional<String> tenant() {
        return Optional.ofNullable(tenant);
    }

    /** For messages: {@code client 'taxjar' (provider taxjar, tenant 'acme')}. */
    public String describe() {
        StringBuilder s = new StringBuilder("client '").append(client).append('\'');
        if (provider != null || tenant != null) {
            s.append(" (");
            if (provider != null) {
                s.append("provider ").append(provider);
            }
            if (tenant != null) {
                s.append(provider != null ? ", " : "").append("tenant '").append(tenant).append('\'');
            }
            s.append(')');
        }
        return s.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClientRef other && client.equals(other.client)
                && Objects.equals(provider, other.provider) && Objects.equals(tenant, other.tenant);
    }

    @Override
    public int hashCode() {
        return Objects.hash(client, provider, tenant);
    }

    @Override
    public String toString() {
        return describe();
    }
}
