package dev.tollgate.provider.elasticpath;

import dev.tollgate.spi.ClientProtocol;
import dev.tollgate.spi.CredentialSource;
import dev.tollgate.spi.OutgoingRequest;
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

    @Override
    public List<CredentialSource> sources() {
        return bearerOnly;
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
