package dev.tollgate.provider.elasticpath;

import dev.tollgate.spi.ClientProtocol;
import dev.tollgate.spi.CredentialSource;
import dev.tollgate.spi.CredentialVerification;
import dev.tollgate.spi.OutgoingRequest;
import dev.tollgate.spi.TenantKey;
import dev.tollgate.spi.TenantSettings;
import java.util.List;
import java.util.Optional;

/**
 * Every request carries the Bearer token; a request with an {@link ElasticPathShopper} property
 * also carries that shopper's token. The token endpoint itself carries neither.
 */
final class ElasticPathProtocol implements ClientProtocol {

    private final AccessTokenSource bearer = AccessTokenSource.configured();
    /** A shopper's token travels with an implicit Bearer token, even for a client with a secret. */
    private final AccessTokenSource storefront = AccessTokenSource.implicit();
    private final List<CredentialSource> bearerOnly = List.of(bearer);
    private final CredentialVerification verification = CredentialVerification.obtain(bearerOnly);
    private static final List<TenantKey> TENANT_KEYS = List.of(
            TenantKey.plain(AccessTokenSource.CLIENT_ID, "Elastic Path client id"),
            TenantKey.secret(AccessTokenSource.CLIENT_SECRET, "Elastic Path client secret"),
            TenantKey.plain("base-url", "Elastic Path region URL of the store"));

    @Override
    public List<CredentialSource> credentialsFor(OutgoingRequest request) {
        if (request.relativePath().equals("oauth/access_token")) {
            return List.of();
        }
        Optional<Object> shopper = request.property(ElasticPathShopper.PROPERTY);
        if (shopper.isEmpty()) {
            return bearerOnly;
        }
        if (!(shopper.get() instanceof ElasticPathShopper s)) {
            throw new IllegalArgumentException("the request property " + ElasticPathShopper.PROPERTY
                    + " must hold an ElasticPathShopper");
        }
        // the shopper's token first: its login may replace a Bearer token the store no longer
        // accepts, and the Bearer token taken from the cache after it is then the new one
        return List.of(ShopperTokenSource.of(storefront, s), storefront);
    }

    /**
     * A store saved at run time brings its API keys and its region: a platform's stores live in
     * different regions, and the token endpoint is on the region's host. No secret means the
     * implicit grant (a storefront's keys), as for a configured store.
     */
    @Override
    public List<TenantKey> tenantKeys() {
        return TENANT_KEYS;
    }

    /** The token endpoint issues a token only for the store's keys: obtaining one proves them. */
    @Override
    public CredentialVerification verification(TenantSettings settings) {
        return verification;
    }

    /** The store's keys; a shopper's login is the call's, checked when it is sent. */
    @Override
    public void validate(TenantSettings settings) {
        bearer.check(settings);
    }

    @Override
    public Optional<String> errorDetail(int status, String body) {
        return JsonApiError.explain(body);
    }

    @Override
    public String rejectionAdvice(TenantSettings settings) {
        return "Check " + settings.keyName(AccessTokenSource.CLIENT_ID) + " and " + settings.keyName(AccessTokenSource.CLIENT_SECRET)
                + " (and that " + settings.keyName("base-url") + " is the store's region), or the shopper's login.";
    }
}
