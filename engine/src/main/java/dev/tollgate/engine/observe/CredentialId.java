package dev.tollgate.engine.observe;

/**
 * A credential as operators name it: its client, tenant ("" for none), the credential's
 * {@link dev.tollgate.spi.CredentialSource#name() name} (never its cache key, which can stand for
 * one shopper or one order) and the client's provider id.
 */
public record CredentialId(String client, String tenant, String credential, String provider) {

    /** "client 'taxjar', tenant 'acme' (provider taxjar), api-token": for logs and health data. */
    public String describe() {
        return "client '" + client + "'" + (tenant.isEmpty() ? "" : ", tenant '" + tenant + "'")
                + " (provider " + provider + "), " + credential;
    }
}
