package dev.tollgate.engine;

import dev.tollgate.api.runtime.TenantContext;
import dev.tollgate.api.Tollgate;
import dev.tollgate.api.TollgateException;
import dev.tollgate.api.UnsafeRequestException;
import dev.tollgate.spi.Credential;
import dev.tollgate.spi.CredentialSource;
import jakarta.annotation.Priority;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.Configuration;
import java.lang.ref.WeakReference;
import java.util.List;

/**
 * A client's one request filter, the last of all ({@link #PRIORITY}): every application filter
 * has run, so the URI, path and tenant it sees are those that will be sent. It picks the tenant,
 * refuses foreign origins, asks the provider which credentials the request needs, and attaches
 * them. A filter that rewrites the URI to another host therefore never gets the credential along,
 * and no application filter sees it. A plain class, not a CDI bean: JAX-RS runtimes instantiate
 * filters their own way.
 *
 * <p>The usual call costs one hash lookup (the tenant) and allocates nothing of its own: the
 * tenant keeps the credential it attached last, with its headers laid out, and reuses it while
 * the cache would serve it as it is.
 */
@Priority(AuthenticationFilter.PRIORITY)
final class AuthenticationFilter implements ClientRequestFilter {

    /** After every other request filter. */
    static final int PRIORITY = Integer.MAX_VALUE;

    private final BoundClient client;
    private final CredentialCache cache;
    private final Sleeper sleeper;
    /**
     * The client configuration whose filters were found to leave Tollgate's last; checked once per
     * configuration. Weakly held: some implementations (RESTEasy) make one per request, holding
     * that request's properties, the attached credential among them.
     */
    private volatile WeakReference<Configuration> checked = new WeakReference<>(null);

    AuthenticationFilter(BoundClient client, CredentialCache cache, Sleeper sleeper) {
        this.client = client;
        this.cache = cache;
        this.sleeper = sleeper;
    }

    @Override
    public void filter(ClientRequestContext request) {
        Configuration configuration = request.getConfiguration();
        if (configuration != checked.get() && configuration != null) { // CXF's Rest Client gives none
            LastFilterCheck.requireLastPlace(configuration, client.ref());
            checked = new WeakReference<>(configuration);
        }
        ClientTls tls = client.tls();
        if (tls != null) {
            requireClientTls(request, tls);
        }
        ClientTenant tenant = selectTenant(request);
        if (!tenant.isStored()) {
            attachCredentials(request, tenant);
            return;
        }
        try {
            attachCredentials(request, tenant);
        } catch (TollgateException e) {
            throw e;
        } catch (RuntimeException e) {
            throw ProviderFailure.of(client, tenant.settings(), e);
        }
    }

    /**
     * An https call of a client with TLS settings of its own goes over a JAX-RS client that uses
     * them, or not at all: without the client's certificate a certificate-bound token (RFC 8705
     * §3) would be refused by the API, counted as a rejected credential, and fetched again in vain;
     * without its trust store the call cannot reach a server behind a private CA anyway.
     */
    private void requireClientTls(ClientRequestContext request, ClientTls tls) {
        if (!"https".equalsIgnoreCase(request.getUri().getScheme())) {
            return; // no TLS on this call (a loopback http URL): nothing to present
        }
        jakarta.ws.rs.client.Client jaxrs = request.getClient();
        if (jaxrs != null && jaxrs.getSslContext() == tls.context()) {
            return;
        }
        String name = client.name();
        throw cache.events().refused(client.ref(), "", EngineEvents.Refusal.WITHOUT_CLIENT_TLS, new UnsafeRequestException(client.ref(),
                "this JAX-RS client does not use the TLS settings of " + ConfigKeys.clientKey(name, "tls-*")
                + (tls.presentsCertificate() ? " (its client certificate: the API would refuse its certificate-bound token)" : "")
                + ": build it with ClientBuilder.newBuilder().sslContext(Tollgate.sslContext(\"" + name + "\")), or use an"
                + " @Authenticated Rest Client interface, which gets them unless it sets mp-rest/keyStore or mp-rest/trustStore"
                + " of its own. Nothing was sent."));
    }

    /**
     * The call's tenant; a call whose tenant cannot be had is counted as refused: no credential
     * for it, and no tenant either (the name is the caller's, maybe made up: tagging a metric with
     * it would make a series per name a caller invents).
     */
    private ClientTenant selectTenant(ClientRequestContext request) {
        try {
            ClientTenant tenant = tenantOf(request);
            return tenant.isStored() ? client.recheck(tenant) : tenant; // at most once per refresh interval, by one caller
        } catch (TollgateException e) {
            throw cache.events().refused(client.ref(), "", EngineEvents.Refusal.NO_CREDENTIAL, e);
        }
    }

    private void attachCredentials(ClientRequestContext request, ClientTenant tenant) {
        List<CredentialSource> sources;
        try {
            OriginGuard.requireAllowedOrigin(tenant, client.protocol(), request.getUri());
            sources = client.credentialsForEveryRequest();
            if (sources == null) {
                sources = client.protocol().credentialsFor(new JaxRsOutgoingRequest(request, tenant.settings()));
            }
        } catch (TollgateException e) {
            // an UnsafeRequestException here is a target credentials must not go to (another
            // origin, a path that cannot be read one way only); anything else left the call without one
            throw cache.events().refused(tenant.settings().ref(), "", e instanceof UnsafeRequestException
                    ? EngineEvents.Refusal.FOREIGN_ORIGIN : EngineEvents.Refusal.NO_CREDENTIAL, e);
        }
        int count = sources.size();
        if (count == 0) {
            return;
        }
        RedirectPolicy.disableFor(request);
        if (count == 1) {
            AttachedCredential attached = attach(tenant, sources.get(0));
            attached.writeTo(request.getHeaders());
            request.setProperty(AttachedCredential.PROPERTY, attached);
            return;
        }
        AttachedCredential[] all = new AttachedCredential[count];
        for (int i = 0; i < count; i++) {
            all[i] = attach(tenant, sources.get(i));
            all[i].writeTo(request.getHeaders());
        }
        request.setProperty(AttachedCredential.PROPERTY, List.of(all));
    }

    /** The tenant's last credential of {@code source} while the cache still serves it as it is, else the cache's. */
    private AttachedCredential attach(ClientTenant tenant, CredentialSource source) {
        AttachedCredential recent = tenant.recent(source);
        if (recent != null && cache.stillServes(recent)) {
            return recent;
        }
        CredentialKey key = new CredentialKey(client.name(), tenant.name(), source.cacheKey(), tenant.revision());
        if (source.isSingleUse()) {
            // this request's own, never cached, so never shared with another request
            try {
                return AttachedCredential.once(key, tenant.settings(), source,
                        cache.fetchUnshared(fetcherFor(tenant, source)));
            } catch (TollgateException e) {
                throw cache.events().refused(tenant.settings().ref(), source.name(), cache.events().reasonOf(e), e);
            }
        }
        CachedCredential cached = cache.getForCall(key, fetcherFor(tenant, source));
        AttachedCredential attached = cache.attachment(key, cached, tenant.settings(), source);
        tenant.remember(attached);
        if (cache.isClosed()) {
            tenant.forget(); // the engine closed meanwhile, maybe after it made its tenants forget
        }
        return attached;
    }

    private TokenFetcher fetcherFor(ClientTenant tenant, CredentialSource source) {
        return new TokenFetcher(tenant.settings(), source, client.protocol(), cache.clock(), sleeper, new Dependencies() {
            @Override
            public Credential get(CredentialSource dependency) {
                return cache.get(new CredentialKey(client.name(), tenant.name(), dependency.cacheKey(), tenant.revision()),
                        fetcherFor(tenant, dependency)).credential();
            }

            @Override
            public void invalidate(CredentialSource dependency, Credential refused) {
                cache.invalidate(new CredentialKey(client.name(), tenant.name(), dependency.cacheKey(), tenant.revision()), refused);
            }
        }, tenant::isCurrent, cache.events());
    }

    /**
     * The request's own tenant property, else the scoped tenant, else none (when allowed). A name
     * that has a tenant already was checked when it got one, so only a new name is checked here.
     */
    private ClientTenant tenantOf(ClientRequestContext request) {
        Object property = request.getProperty(Tollgate.TENANT_PROPERTY);
        if (property != null) {
            String name = property.toString();
            ClientTenant known = client.knownTenant(name);
            if (known != null) {
                return known;
            }
            if (!TenantContext.isValidName(name)) {
                throw new UnsafeRequestException(client.ref(), "the request property " + Tollgate.TENANT_PROPERTY
                        + " does not hold a valid tenant name: use letters, digits, '-' and '_' (at most 100)."
                        + " Nothing was sent.");
            }
            return client.tenant(name);
        }
        String tenant = TenantContext.forRequest();
        if (tenant.isEmpty() && client.tenantRequired()) {
            throw new UnsafeRequestException(client.ref(), "this client has tenants, and the call selected none."
                    + " Select one with Tollgate.withTenant (synchronous calls and Rest Client async calls) or"
                    + " the request property " + Tollgate.TENANT_PROPERTY + " (any call, also async() and rx())."
                    + " To let calls without a tenant use the client's own keys, set "
                    + ConfigKeys.clientKey(client.name(), ConfigKeys.TENANT_REQUIRED) + "=false. Nothing was sent.");
        }
        return client.tenant(tenant);
    }
}
