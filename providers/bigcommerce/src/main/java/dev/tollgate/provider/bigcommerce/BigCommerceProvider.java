package dev.tollgate.provider.bigcommerce;

import dev.tollgate.spi.AuthProvider;
import dev.tollgate.spi.ClientProtocol;
import dev.tollgate.spi.TenantSettings;
import java.net.URI;
import java.util.Optional;

/**
 * BigCommerce ({@code provider=bigcommerce}), one store per tenant. Outgoing calls:
 * {@code X-Auth-Token} on the management API, a GraphQL Storefront token (created with the stable
 * token, cached until near expiry) as Bearer on the storefront's {@code /graphql}, a payment access
 * token per order as {@code Authorization: PAT} on the payments host, and nothing at all on the
 * REST Storefront API ({@code /api/storefront/...}). See {@link StoreSettings} for the keys, and
 * providers/bigcommerce/PROTOCOL.md for BigCommerce's protocol as Tollgate relies on it.
 */
public final class BigCommerceProvider implements AuthProvider {

    public static final String ID = "bigcommerce";
    public static final URI API = URI.create("https://api.bigcommerce.com");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Optional<URI> defaultBaseUrl() {
        return Optional.of(API);
    }

    @Override
    public ClientProtocol bind(TenantSettings clientSettings) {
        return new BigCommerceProtocol();
    }
}
