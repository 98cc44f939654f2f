package dev.tollgate.engine;

import dev.tollgate.api.runtime.TenantContext;
import dev.tollgate.api.Tollgate;
import dev.tollgate.api.UnsafeRequestException;
import dev.tollgate.spi.Credential;
import dev.tollgate.spi.CredentialSource;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import java.util.ArrayList;
import java.util.List;

/**
 * Attaches a client's credentials to a request: picks the tenant, refuses foreign origins,
 * asks the provider which credentials the request needs and takes them from the cache.
 * A plain class, not a CDI bean: JAX-RS runtimes instantiate filters their own way.
 */
final class AuthenticationFilter implements ClientRequestFilter {

    /** Request property holding the {@link AttachedCredential}s, read by the guard and the 401 filter. */
    static final String ATTACHED = "dev.tollgate.attached";

    private final BoundClient client;
    private final CredentialCache cache;
    private final Sleeper sleeper;

    AuthenticationFilter(BoundClient client, CredentialCache cache, Sleeper sleeper) {
        this.client = client;
        this.cache = cache;
        this.sleeper = sleeper;
    }

    @Override
    public void filter(ClientRequestContext request) {
        String tenant = tenantOf(request);
        ConfiguredSettings settings = client.settings(tenant);
        OriginGuard.requireAllowedOrigin(settings, client.protocol(), request.getUri());
        List<CredentialSource> sources = client.protocol().credentialsFor(new JaxRsOutgoingRequest(request, settings));
        if (sources.isEmpty()) {
            return;
        }
        RedirectPolicy.disableFor(request);
        List<AttachedCredential> attached = sources.size() == 1 ? null : new ArrayList<>(sources.size());
        AttachedCredential only = null;
        for (CredentialSource source : sources) {
            CredentialKey key = new CredentialKey(client.name(), tenant, source.cacheKey());
            CachedCredential cached;
            if (source.isSingleUse()) {
                // this request's own, never cached, so never shared with another request
                cached = cache.fetchUnshared(fetcherFor(settings, tenant, source));
            } else {
                cached = cache.servable(key);
                if (cached == null) {
                    cached = cache.get(key, fetcherFor(settings, tenant, source));
                }
            }
            cached.headers().forEach((name, value) -> request.getHeaders().putSingle(name, value));
            AttachedCredential done = new AttachedCredential(key, settings, source, cached, request.getUri());
            if (attached == null) {
                only = done;
            } else {
                attached.add(done);
            }
        }
        request.setProperty(ATTACHED, attached == null ? List.of(only) : List.copyOf(attached));
    }

    private TokenFetcher fetcherFor(ConfiguredSettings settings, String tenant, CredentialSource source) {
        return new TokenFetcher(settings, source, client.protocol(), cache.clock(), sleeper, new Dependencies() {
            @Override
            public Credential get(CredentialSource dependency) {
                return cache.get(new CredentialKey(client.name(), tenant, dependency.cacheKey()),
                        fetcherFor(settings, tenant, dependency)).credential();
            }

            @Override
            public void invalidate(CredentialSource dependency, Credential refused) {
                cache.invalidate(new CredentialKey(client.name(), tenant, dependency.cacheKey()), refused);
            }
        });
    }

    /** The request's own tenant property, else the scoped tenant, else none (when allowed). */
    private String tenantOf(ClientRequestContext request) {
        Object property = request.getProperty(Tollgate.TENANT_PROPERTY);
        String tenant = property != null ? property.toString() : TenantContext.forRequest();
        if (property != null && !TenantContext.isValidName(tenant)) {
            throw new UnsafeRequestException(client.ref(), "the request property " + Tollgate.TENANT_PROPERTY
                    + " does not hold a valid tenant name: use letters, digits, '-' and '_' (at most 100)."
                    + " Nothing was sent.");
        }
        if (tenant.isEmpty() && client.tenantRequired()) {
            throw new UnsafeRequestException(client.ref(), "this client has tenants, and the call selected none."
                    + " Select one with Tollgate.withTenant (synchronous calls and Rest Client async calls) or"
                    + " the request property " + Tollgate.TENANT_PROPERTY + " (any call, also async() and rx())."
                    + " To let calls without a tenant use the client's own keys, set "
                    + ConfigKeys.clientKey(client.name(), ConfigKeys.TENANT_REQUIRED) + "=false. Nothing was sent.");
        }
        return tenant;
    }
}
