package dev.tollgate.spi;

import jakarta.ws.rs.client.Client;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/** What a {@link CredentialSource} gets to obtain or refresh a credential. */
public interface TokenContext {

    /** The configuration of the client and tenant the credential is for. */
    TenantSettings settings();

    /**
     * A JAX-RS client for the token endpoint: the configured timeouts, no redirects, no Tollgate
     * filters that touch a request (the engine only notes each answer's URL and status, so that a
     * refusal names the endpoint that refused). The engine closes it; do not keep it.
     */
    Client http();

    /** The engine's clock: compute expiries from it, never from the system time. */
    Clock clock();

    /**
     * The real time this request may still take ({@code token-fetch-timeout} less what the fetch
     * has spent), empty when the engine sets no limit. {@link #http()}'s timeouts bound each
     * connect and read only: a source that waits for something else (another request's answer,
     * an answer that trickles in) stops waiting when this runs out.
     */
    default Optional<Duration> timeLeft() {
        return Optional.empty();
    }

    /**
     * Another credential of the same client and tenant that this one is obtained with (Elastic
     * Path's customer token needs a Bearer token), from the cache under the usual single flight.
     */
    Credential credential(CredentialSource dependency);

    /**
     * Tells the engine that the vendor refused a token request that carried {@code refused}, the
     * credential {@link #credential} gave for {@code dependency}: it is dropped from the cache,
     * unless another call has already replaced it, so that the next {@link #credential} call
     * obtains a new one. A source repeats its request at most once after this.
     */
    default void invalidate(CredentialSource dependency, Credential refused) {
    }
}
