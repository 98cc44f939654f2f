package dev.tollgate.spi;

import java.util.Map;
import java.util.Optional;

/**
 * How one credential is obtained, refreshed and attached. The engine decides when:
 * it caches what {@link #obtain} returns per client, tenant and {@link #cacheKey()}, calls
 * {@link #headers} once per credential (not once per request), and maps failures. A source holds
 * no state of its own and never retries.
 */
public interface CredentialSource {

    /**
     * Names this credential within its client, e.g. {@code api-token}, {@code access-token}: in
     * messages, logs and the cache's listing.
     */
    String name();

    /**
     * Which cached credential of its client and tenant this source's is: its {@link #name()},
     * unless one name stands for many credentials (Elastic Path's customer token, one per shopper
     * login), which then adds what tells them apart. Two sources with the same key share one
     * cached credential.
     */
    default String cacheKey() {
        return name();
    }

    /**
     * True for a configured credential that never changes by itself (TaxJar's API token). A 401
     * on a static credential is final: fetching again cannot help. False by default: a 401 then
     * drops the credential and the request is repeated once with a new one.
     */
    default boolean isStatic() {
        return false;
    }

    /**
     * True for a credential that works once (BigCommerce's payment access token): the engine
     * obtains a new one for every request and never caches it.
     */
    default boolean isSingleUse() {
        return false;
    }

    /**
     * Obtains a credential: reads it from the settings, or calls the vendor's token endpoint.
     * Failures of the endpoint are {@link TokenEndpointException}s; configuration problems are
     * {@link dev.tollgate.api.TollgateConfigException}s from the settings.
     */
    Credential obtain(TokenContext context);

    /**
     * Renews a credential with its refresh token; empty when this source cannot refresh. The
     * engine runs at most one refresh per credential at a time and replaces the credential
     * atomically, so a rotating refresh token is never used twice. When refresh fails, the
     * engine falls back to {@link #obtain}.
     */
    default Optional<Credential> refresh(TokenContext context, Credential current) {
        return Optional.empty();
    }

    /**
     * True when credentials of these settings are to be revoked when the application stops
     * (BigCommerce storefront tokens, when configured so).
     */
    default boolean revokesOnShutdown(TenantSettings settings) {
        return false;
    }

    /** Revokes a credential at the vendor; called by the engine on shutdown, failures only logged. */
    default void revoke(TokenContext context, Credential credential) {
    }

    /**
     * What the person fixing a refusal of this credential's token request should do, naming the
     * credential; empty for the protocol's {@link ClientProtocol#rejectionAdvice}. For a protocol
     * with several credentials, this tells a refused shopper login from a refused client.
     */
    default Optional<String> rejectionAdvice(TenantSettings settings) {
        return Optional.empty();
    }

    /**
     * Checks the settings this source reads (keys present, values well-formed) without calling the
     * vendor, so that deployment fails on them instead of the first call; throws the
     * {@link dev.tollgate.api.TollgateConfigException} the settings raise. Nothing by default.
     */
    default void check(TenantSettings settings) {
    }

    /** The headers that carry the credential, e.g. {@code Authorization: Bearer <token>}. */
    Map<String, String> headers(Credential credential);
}
