package dev.tollgate.provider.elasticpath;

import dev.tollgate.spi.AuthProvider;
import dev.tollgate.spi.ClientProtocol;
import dev.tollgate.spi.TenantSettings;

/**
 * Elastic Path Commerce Cloud ({@code provider=elasticpath}): a Bearer access token from
 * {@code POST {base}/oauth/access_token} with the client credentials grant when
 * {@code client-secret} is set (backend, read/write) or the implicit grant when it is not
 * (storefront). {@code base-url} is required: a store lives in one region
 * ({@code https://useast.api.elasticpath.com}, {@code https://euwest.api.elasticpath.com}).
 * Shopper credentials ride along per call: see {@link ElasticPathShopper}.
 * Elastic Path's protocol as Tollgate relies on it: providers/elasticpath/PROTOCOL.md.
 */
public final class ElasticPathProvider implements AuthProvider {

    public static final String ID = "elasticpath";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public ClientProtocol bind(TenantSettings clientSettings) {
        return new ElasticPathProtocol();
    }
}
