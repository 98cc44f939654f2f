package dev.tollgate.engine;

import dev.tollgate.spi.ClientProtocol;
import dev.tollgate.spi.CredentialSource;
import java.net.URI;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One tenant of one client (or the client itself, tenant ""), as a call needs it, behind a single
 * hash lookup: its settings, the origins its credentials may go to, and the credential it
 * attached last, which the next call reuses while the cache still serves it as it is. A tenant
 * from the tenant store also knows the revision it was loaded at and when it is next compared
 * with the store's.
 */
final class ClientTenant {

    /** The revision of a tenant that does not come from the tenant store. */
    static final long NOT_STORED = Long.MIN_VALUE;

    private final String name;
    private final ConfiguredSettings settings;
    private final BoundClient client;
    /** The protocol's allowed origins for these settings, worked out on first use (a bad one fails that call). */
    private volatile URI[] origins;
    private volatile AttachedCredential recent;
    /** Final, so that a configured tenant pays one field read for the store's freshness rules. */
    private final boolean stored;
    private final long revision;
    /** Epoch millis from which the next call re-checks the stored revision; only for stored tenants. */
    private final AtomicLong nextCheck;
    /** Replaced or removed: whatever it fetches now is not cached. */
    private volatile boolean retired;

    ClientTenant(String name, ConfiguredSettings settings, BoundClient client) {
        this(name, settings, client, NOT_STORED, 0);
    }

    private ClientTenant(String name, ConfiguredSettings settings, BoundClient client, long revision, long nextCheck) {
        this.name = name;
        this.settings = settings;
        this.client = client;
        this.stored = revision != NOT_STORED;
        this.revision = revision;
        this.nextCheck = stored ? new AtomicLong(nextCheck) : null;
    }

    /** A tenant loaded from the tenant store at {@code revision}, to be re-checked from {@code nextCheck} (epoch millis). */
    static ClientTenant stored(String name, ConfiguredSettings settings, BoundClient client, long revision, long nextCheck) {
        return new ClientTenant(name, settings, client, revision, nextCheck);
    }

    /** "" for the client itself. */
    String name() {
        return name;
    }

    ConfiguredSettings settings() {
        return settings;
    }

    boolean isStored() {
        return stored;
    }

    long revision() {
        return revision;
    }

    /**
     * True for the one caller that should compare the revision with the store's now: the re-check
     * is due at {@code now}, and this caller moved the next one {@code interval} ahead before any
     * other did. Others keep going with what they hold meanwhile.
     */
    boolean claimCheck(long now, long interval) {
        long due = nextCheck.get();
        return now >= due && nextCheck.compareAndSet(due, now + interval);
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
        if (retired) {
            recent = null; // retired meanwhile: nothing of it is kept
        }
    }

    /** Drops the last attached credential: the engine is closed and will never serve it again. */
    void forget() {
        recent = null;
    }

    /** This tenant's values were replaced or removed: its credentials are never cached or reused again. */
    void retire() {
        retired = true;
        recent = null;
    }

    /** False once {@link #retire retired}: a credential fetched for it then is for that one call only. */
    boolean isCurrent() {
        return !retired;
    }
}
