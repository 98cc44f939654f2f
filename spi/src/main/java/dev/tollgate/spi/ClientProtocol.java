package dev.tollgate.spi;

import jakarta.ws.rs.client.ClientRequestFilter;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A provider's protocol bound to one named client: which credentials a request carries and how
 * to read the vendor's error bodies. Built by {@link AuthProvider#bind}; holds no tokens. Only
 * {@link #credentialsFor} and {@link #validate} must be written, and for an API whose every
 * request carries the same credential {@link #always} is the whole protocol.
 */
public interface ClientProtocol {

    /**
     * The protocol of an API whose every request carries {@code credential}:
     * {@code ClientProtocol.always(ConfiguredSecret.bearer("api-key", "Acme API key"))}; shape it
     * further (token endpoint paths without it, error bodies, advice) with {@link UniformProtocol}'s methods.
     */
    static UniformProtocol always(CredentialSource credential) {
        return UniformProtocol.of(List.of(credential));
    }

    /** The credentials this request needs, in the order they are attached; empty for none. */
    List<CredentialSource> credentialsFor(OutgoingRequest request);

    /**
     * What {@link #credentialsFor} answers for every request of this client, when it never looks
     * at the request: the engine then asks once, not per request. Empty (the default) when the
     * answer depends on the request.
     */
    default Optional<List<CredentialSource>> credentialsForEveryRequest() {
        return Optional.empty();
    }

    /**
     * Filters of the provider's own that carry no credential, such as an API version header.
     * The engine registers them next to its authentication filter.
     */
    default List<ClientRequestFilter> filters() {
        return List.of();
    }

    /**
     * The origins this client's credentials may go to; a request for any other origin is refused
     * before anything is sent. Usually just the {@code base-url}; an API whose credentials go to
     * several hosts (BigCommerce: the API, the payments host, the storefront) lists each, and
     * {@link #credentialsFor} then picks per request.
     */
    default List<URI> allowedOrigins(TenantSettings settings) {
        return List.of(settings.baseUrl());
    }

    /**
     * How long before expiry a token becomes stale (and is refreshed in the background) when
     * {@code refresh-before} is not set; empty for the engine's default.
     */
    default Optional<Duration> defaultRefreshBefore() {
        return Optional.empty();
    }

    /**
     * The longest {@code refresh-before} this API tolerates, when a longer one would do harm (Sila
     * hands out the same token until 30 minutes before its expiry: an earlier refresh asks its
     * rate-limited endpoint again and again for nothing). The engine refuses a longer setting at
     * deployment, naming the key.
     */
    default Optional<Duration> maxRefreshBefore() {
        return Optional.empty();
    }

    /** The vendor's explanation in an error response body, e.g. TaxJar's {@code detail}. */
    default Optional<String> errorDetail(int status, String body) {
        return Optional.empty();
    }

    /**
     * For a 403 answer: the vendor's explanation when it means the credentials themselves were
     * refused (a token for the wrong environment, say), so that the caller gets a
     * {@link dev.tollgate.api.CredentialsRejectedException}; empty for an ordinary 403 (missing
     * permission), which reaches the application as it is. A new token cannot help either way.
     */
    default Optional<String> credentialRefusal(int status, String body) {
        return Optional.empty();
    }

    /** What the person fixing a rejected credential should do; used in exception messages. */
    default String rejectionAdvice(TenantSettings settings) {
        return "Check the credentials configured under " + settings.keyName("") + "*.";
    }

    /**
     * The keys a tenant's own values may hold when the application saves the tenant at run time
     * ({@code tenant-store=database}), and which of them are secret. Empty (the default): this
     * client's tenants cannot be stored, and a client configured to store them fails deployment.
     * Whether a key is required is {@link #validate}'s to say, as for configured tenants.
     */
    default List<TenantKey> tenantKeys() {
        return List.of();
    }

    /**
     * How a tenant's credentials are proven before they are stored, given the tenant's settings
     * (its candidate values over the client's): a read the API answers only for good credentials,
     * or the credentials to obtain. {@link CredentialVerification#none()} by default.
     */
    default CredentialVerification verification(TenantSettings settings) {
        return CredentialVerification.none();
    }

    /**
     * Checks everything this client needs for one tenant (or for the client itself when
     * {@code settings.ref().tenant()} is empty), so that deployment fails with a clear message
     * instead of the first call: usually {@link CredentialSource#check} of each credential the
     * client may attach ({@link UniformProtocol} does exactly that).
     */
    void validate(TenantSettings settings);
}
