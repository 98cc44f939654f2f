package dev.tollgate.api;

import dev.tollgate.api.runtime.TenantContext;
import dev.tollgate.api.runtime.TollgateRuntime;
import jakarta.ws.rs.core.Feature;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Entry points for application code.
 *
 * <pre>{@code
 * Client client = ClientBuilder.newClient().register(Tollgate.feature("taxjar"));
 * client.target(url).request().property(Tollgate.TENANT_PROPERTY, "acme").get();
 *
 * Categories c = Tollgate.withTenant("acme", () -> taxJarApi.categories());
 * }</pre>
 */
public final class Tollgate {

    /** Request property that selects the tenant of one call: {@code builder.property(TENANT_PROPERTY, "acme")}. */
    public static final String TENANT_PROPERTY = "tollgate.tenant";

    private Tollgate() {
    }

    /**
     * The feature that authenticates a plain JAX-RS client as the named Tollgate client.
     *
     * @throws TollgateConfigException when the client is not configured, names an unknown
     *         provider or has an unusable {@code base-url}
     */
    public static Feature feature(String client) {
        return TollgateRuntime.current().feature(client);
    }

    /**
     * The TLS context of the named client, made from its {@code tls-key-store} (the certificate
     * it presents: mutual TLS) and {@code tls-trust-store} (the servers it trusts), for a plain
     * JAX-RS client that calls its API:
     * {@code ClientBuilder.newBuilder().sslContext(Tollgate.sslContext("api")).build().register(Tollgate.feature("api"))}.
     * Without it, such a client's https calls are refused before anything is sent. An
     * {@link Authenticated} Rest Client interface gets it without asking. It is the context
     * Tollgate's own calls for the client use, so it refuses {@code init}.
     *
     * @throws TollgateConfigException when the client is not configured or sets neither store
     */
    public static javax.net.ssl.SSLContext sslContext(String client) {
        return TollgateRuntime.current().sslContext(client);
    }

    /**
     * The tenants of {@code client} that the application onboards while it runs; see
     * {@link TenantCredentials}. In CDI, inject {@link TenantDirectory} instead.
     *
     * @throws TollgateConfigException when the client is not configured
     */
    public static TenantCredentials tenants(String client) {
        return TollgateRuntime.current().tenants().client(client);
    }

    /**
     * Runs {@code call} with {@code tenant} selected for every Tollgate-authenticated call it makes
     * on this thread (and for asynchronous Rest Client calls it starts); the previous selection
     * is restored afterwards, whatever happens. A request's own {@link #TENANT_PROPERTY} wins.
     */
    public static <T> T withTenant(String tenant, Supplier<T> call) {
        Objects.requireNonNull(call, "call");
        TenantContext.Scope previous = TenantContext.enter(checked(tenant));
        try {
            return call.get();
        } finally {
            TenantContext.restore(previous);
        }
    }

    /** {@link #withTenant(String, Supplier)} for a call that returns nothing. */
    public static void withTenant(String tenant, Runnable call) {
        Objects.requireNonNull(call, "call");
        withTenant(tenant, () -> {
            call.run();
            return null;
        });
    }

    private static String checked(String tenant) {
        if (!TenantContext.isValidName(tenant)) {
            throw new IllegalArgumentException("not a valid tenant name: use letters, digits, '-' and '_' (at most 100)");
        }
        return tenant;
    }
}
