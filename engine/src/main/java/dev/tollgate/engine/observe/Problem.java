package dev.tollgate.engine.observe;

import java.time.Instant;

/**
 * Why a credential makes the readiness check DOWN. Never holds a secret: the reason is the
 * engine's own message (the vendor's explanation cut and cleaned as in every message).
 *
 * @param since when the problem was first seen (the first rejection, the first failed fetch in a row)
 * @param until when a cooldown ends; for a rejection (which lasts until a call with that
 *              credential is answered with anything but 401, a fetch for it succeeds, or its values
 *              are replaced or removed) the end of the cooldown running for it, else null
 */
public record Problem(CredentialId id, Kind kind, String reason, Instant since, Instant until) {

    public enum Kind {
        /** The vendor (its API or its token endpoint) refused the credential: 401 or invalid_client / invalid_grant. */
        REJECTED,
        /** Token fetches failed and callers without a valid token are refused until {@code until}. */
        COOLING_DOWN
    }
}
