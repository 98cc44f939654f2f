package dev.tollgate.engine;

/** Which cached credential: one per client, tenant ("" for none) and kind of credential. */
public record CredentialKey(String client, String tenant, String kind) {
}
