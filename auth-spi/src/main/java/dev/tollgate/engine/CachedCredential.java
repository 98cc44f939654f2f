package dev.tollgate.engine;

import dev.tollgate.spi.Credential;
import java.time.Instant;
import java.util.Map;

/**
 * A credential with the headers that carry it, built and checked once when the credential is
 * obtained, so that attaching it to a request is a plain copy.
 */
public record CachedCredential(Credential credential, Map<String, String> headers, Instant obtainedAt) {

    public boolean isExpiredAt(Instant now) {
        return credential.expiresAt().map(expiry -> !now.isBefore(expiry)).orElse(false);
    }

    @Override
    public String toString() {
        return "CachedCredential[" + credential + ", obtained " + obtainedAt + "]";
    }
}
