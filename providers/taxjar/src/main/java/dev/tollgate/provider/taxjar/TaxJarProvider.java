package dev.tollgate.provider.taxjar;

import dev.tollgate.spi.AuthProvider;
import dev.tollgate.spi.ClientProtocol;
import dev.tollgate.spi.ConfiguredSecret;
import dev.tollgate.spi.CredentialVerification;
import dev.tollgate.spi.TenantKey;
import dev.tollgate.spi.TenantSettings;
import jakarta.ws.rs.client.ClientRequestFilter;
import java.net.URI;
import java.util.List;
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

    static final String API_TOKEN_KEY = "api-token";
    /** The merchant's own token; it never expires by itself, so a 401 is for the merchant to fix. */
    private static final ConfiguredSecret API_TOKEN = ConfiguredSecret.bearer(API_TOKEN_KEY, "TaxJar API token");
    /** Below the base URL, which ends in {@code /v2/}. */
    private static final CredentialVerification VERIFY = CredentialVerification.request("GET", "/categories");

    @Override
    public ClientProtocol bind(TenantSettings clientSettings) {
        return ClientProtocol.always(API_TOKEN)
                .filters(ApiVersion.from(clientSettings).<List<ClientRequestFilter>>map(List::of).orElse(List.of()))
                .errorDetail(body -> TaxJarError.parse(body).map(TaxJarError::explanation))
                .rejectionAdvice(settings -> "The merchant's TaxJar API token is wrong, regenerated or from the other"
                        + " environment (sandbox and production tokens differ). Ask the merchant for the current API token"
                        + " (TaxJar app, Account, API Access) and set " + settings.keyName(API_TOKEN_KEY) + ".")
                // a merchant stored at run time brings its token alone: the environment and the API
                // version are the platform's, for every merchant
                .tenantKeys(List.of(TenantKey.secret(API_TOKEN_KEY, "TaxJar API token")))
                // TaxJar's integration guide: check a token after it is saved with GET /v2/categories
                .verification(settings -> VERIFY);
    }
}
