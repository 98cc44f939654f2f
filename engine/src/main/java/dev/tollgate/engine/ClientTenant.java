package dev.tollgate.engine;

import dev.tollgate.spi.ClientProtocol;
import dev.tollgate.spi.CredentialSource;
import java.net.URI;

/**
 * One tenant of one client (or the client itself, tenant ""), as a call needs it, behind a single
 * hash lookup: its settings, the origins its credentials may go to, and the credential it
 * attached last, which the next call reuses while the cache still serves it as it is.
 */
final class ClientTenant {

    private final String name;
    private final ConfiguredSettings settings;
    private final BoundClient client;
    /** The protocol's allowed origins for these settings, worked out on first use (a bad one fails that call). */
    private volatile URI[] origins;
    private volatile AttachedCredential recent;

    ClientTenant(String name, ConfiguredSettings settings, BoundClient client) {
        this.name = name;
        this.settings = settings;
        this.client = client;
    }

    /** "" for the client itself. */
    String name() {
        return name;
    }

    ConfiguredSettings settings() {
        return settings;
    }

    /**
     * @throws dev.tollgate.api.TollgateConfigException when the settings have no base URL, or the
     *         protocol names an origin credentials must not go to
     */
    URI[] origins(ClientProtocol protocol) {
        URI[] known = origins;
        if (known == null) {
            settings.baseUrl(); // every request of these settings needs one, whatever the protocol allows
            known = client.sharedOrigins(settings.allowedOrigins(protocol));
            origins = known;
        }
        return known;
    }

    /**
     * The credential of {@code source} this tenant attached last, or null; still to be checked
     * with the cache. The cache key is compared too: a source is meant to be stateless, but one
     * whose key changed (a shopper's login) must never get another key's credential.
     */
    AttachedCredential recent(CredentialSource source) {
        AttachedCredential last = recent;
        return last != null && last.source() == source && last.cacheKey().equals(source.cacheKey()) ? last : null;
    }

    void remember(AttachedCredential attached) {
        recent = attached;
    }

    /** Drops the last attached credential: the engine is closed and will never serve it again. */
    void forget() {
        recent = null;
    }
}
