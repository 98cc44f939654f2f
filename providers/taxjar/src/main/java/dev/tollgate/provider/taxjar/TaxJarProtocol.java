package dev.tollgate.provider.taxjar;

import dev.tollgate.spi.ClientProtocol;
import dev.tollgate.spi.ConfiguredSecret;
import dev.tollgate.spi.CredentialSource;
import dev.tollgate.spi.OutgoingRequest;
import dev.tollgate.spi.TenantSettings;
import jakarta.ws.rs.client.ClientRequestFilter;
import java.util.List;
import java.util.Optional;

/**
 * TaxJar bound to one client: every request carries the merchant's API token, which never expires
 * by itself; a 401 means it is wrong or was regenerated, which only the merchant can fix.
 */
final class TaxJarProtocol implements ClientProtocol {

    static final String API_TOKEN_KEY = "api-token";
    private static final List<CredentialSource> API_TOKEN = List.of(ConfiguredSecret.bearer(API_TOKEN_KEY, "TaxJar API token"));

    private final Optional<ApiVersion> apiVersion;

    TaxJarProtocol(Optional<ApiVersion> apiVersion) {
        this.apiVersion = apiVersion;
    }

    @Override
    public List<CredentialSource> credentialsFor(OutgoingRequest request) {
        return API_TOKEN;
    }

    @Override
    public List<CredentialSource> sources() {
        return API_TOKEN;
    }

    @Override
    public List<ClientRequestFilter> filters() {
        return apiVersion.<List<ClientRequestFilter>>map(List::of).orElse(List.of());
    }

    @Override
    public Optional<String> errorDetail(int status, String body) {
        return TaxJarError.parse(body).map(TaxJarError::explanation);
    }

    @Override
    public String rejectionAdvice(TenantSettings settings) {
        return "The merchant's TaxJar API token is wrong, regenerated or from the other environment"
                + " (sandbox and production tokens differ). Ask the merchant for the current API token"
                + " (TaxJar app, Account, API Access) and set " + settings.keyName(API_TOKEN_KEY) + ".";
    }
}
