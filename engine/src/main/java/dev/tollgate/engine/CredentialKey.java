package dev.tollgate.engine;

/**
 * Which cached credential: one per client, tenant ("" for none) and credential (the source's
 * {@link dev.tollgate.spi.CredentialSource#cacheKey() cache key}).
 */
public record CredentialKey(String client, String tenant, String credential) {
}
