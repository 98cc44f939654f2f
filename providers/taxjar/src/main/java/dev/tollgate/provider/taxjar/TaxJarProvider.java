package dev.tollgate.provider.taxjar;

import dev.tollgate.spi.AuthProvider;
import dev.tollgate.spi.ClientProtocol;
import dev.tollgate.spi.TenantSettings;
import java.net.URI;
import java.util.Optional;

/**
 * TaxJar SmartCalcs API v2 ({@code provider=taxjar}): a static API token per merchant, sent as
 * {@code Authorization: Bearer}. Keys: {@code api-token} (per merchant under
 * {@code tenants.<merchant>.api-token}), optional {@code api-version}, {@code base-url}
 * (default production; the sandbox is {@code https://api.sandbox.taxjar.com/v2/}).
 * TaxJar's protocol as Tollgate relies on it: providers/taxjar/PROTOCOL.md.
 */
public final class TaxJarProvider implements AuthProvider {

    public static final String ID = "taxjar";
    public static final URI PRODUCTION = URI.create("https://api.taxjar.com/v2/");
    public static final URI SANDBOX = URI.create("https://api.sandbox.taxjar.com/v2/");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Optional<URI> defaultBaseUrl() {
        return Optional.of(PRODUCTION);
    }

    @Override
    public ClientProtocol bind(TenantSettings clientSettings) {
        return new TaxJarProtocol(ApiVersion.from(clientSettings));
    }
}
