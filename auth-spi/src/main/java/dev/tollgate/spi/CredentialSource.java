package dev.tollgate.spi;

import java.util.Map;
import java.util.Optional;

/**
 * How one kind of credential is obtained, refreshed and attached. The engine decides when:
 * it caches what {@link #obtain} returns per client, tenant and {@link #kind()}, calls
 * {@link #headers} once per credential (not once per request), and maps failures. A source holds
 * no state of its own and never retries.
 */
public interface CredentialSource {

    /** Names this kind of credential within its client, e.g. {@code api-token}, {@code access-token}. */
    String kind();

    /**
     * True for a configured credential that never changes by itself (TaxJar's API token). A 401
     * on a static credential is final: fetching again cannot help.
     */
    boolean isStatic();

    /** Obtains a credential: reads it from the settings, or calls the vendor's token endpoint. */
    Credential obtain(TenantSettings settings);

    /** Renews a credential with its refresh token; empty when this source cannot refresh. */
    default Optional<Credential> refresh(TenantSettings settings, Credential current) {
        return Optional.empty();
    }

    /** The headers that carry the credential, e.g. {@code Authorization: Bearer <token>}. */
    Map<String, String> headers(Credential credential);
}
