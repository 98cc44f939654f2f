package dev.tollgate.engine;

import dev.tollgate.api.ClientRef;
import dev.tollgate.engine.observe.CredentialId;
import dev.tollgate.spi.CredentialSource;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.List;
import java.util.Map;

/**
 * A credential as requests carry it: its headers, laid out once, and what a later 401 needs to
 * invalidate exactly that credential (its key, the cached credential, the tenant's settings, its
 * source). Made once per state of the credential's cache slot and kept with the tenant, so that
 * every request sent meanwhile reuses it: pointing a request property at it is all the
 * bookkeeping a request costs.
 */
final class AttachedCredential {

    /** Request property holding what a request carries: one {@code AttachedCredential}, or a List of them. */
    static final String PROPERTY = "dev.tollgate.attached";

    private final CredentialKey key;
    /** {@code key.credential()}, kept here so that the hot path reads one object less. */
    private final String cacheKey;
    private final ConfiguredSettings settings;
    private final CredentialSource source;
    private final CachedCredential cached;
    /** The slot and the state of it this was made from; null for one nothing may reuse. */
    private final CredentialCache.Slot slot;
    private final CredentialCache.State state;
    /** Epoch millis before which the state serves this credential as it is. */
    private final long servableUntil;
    /** The credential's header when it has one only (the usual case): one object less to read per call. */
    private final String headerName;
    private final String headerValue;
    /** The credential as operators name it, made once here: every answer of a call may need it (see EngineEvents#answered). */
    private final CredentialId id;
    /** Its headers when it has several; else null. */
    private final String[] headerNames;
    private final String[] headerValues;

    AttachedCredential(CredentialKey key, ConfiguredSettings settings, CredentialSource source, CachedCredential cached,
                       CredentialCache.Slot slot, CredentialCache.State state, long servableUntil) {
        this.key = key;
        this.cacheKey = key.credential();
        this.settings = settings;
        this.source = source;
        this.cached = cached;
        this.slot = slot;
        this.state = state;
        this.servableUntil = servableUntil;
        ClientRef ref = settings.ref();
        this.id = new CredentialId(ref.client(), ref.tenant().orElse(""), source.name(), ref.provider().orElse(""));
        Map<String, String> headers = cached.headers();
        String[] names = new String[headers.size()];
        String[] values = new String[headers.size()];
        int i = 0;
        for (Map.Entry<String, String> header : headers.entrySet()) {
            names[i] = header.getKey();
            values[i] = header.getValue();
            i++;
        }
        boolean one = names.length == 1;
        this.headerName = one ? names[0] : null;
        this.headerValue = one ? values[0] : null;
        this.headerNames = one ? null : names;
        this.headerValues = one ? null : values;
    }

    /** For one request only: a single-use credential, or one the cache has replaced meanwhile. */
    /** The credential as operators name it (client, tenant, its source's name, provider). */
    CredentialId id() {
        return id;
    }

    static AttachedCredential once(CredentialKey key, ConfiguredSettings settings, CredentialSource source,
                                   CachedCredential cached) {
        return new AttachedCredential(key, settings, source, cached, null, null, Long.MIN_VALUE);
    }

    /** Sets the credential's headers on a request, replacing any of the same name. */
    void writeTo(MultivaluedMap<String, Object> headers) {
        if (headerName != null) {
            headers.putSingle(headerName, headerValue);
            return;
        }
        for (int i = 0; i < headerNames.length; i++) {
            headers.putSingle(headerNames[i], headerValues[i]);
        }
    }

    /** What {@code request} carries, in the order attached; null when it carries no Tollgate credential. */
    @SuppressWarnings("unchecked")
    static List<AttachedCredential> on(ClientRequestContext request) {
        Object property = request.getProperty(PROPERTY);
        if (property instanceof AttachedCredential one) {
            return List.of(one);
        }
        return property instanceof List<?> list && !list.isEmpty() ? (List<AttachedCredential>) list : null;
    }

    CredentialKey key() {
        return key;
    }

    /** The source's cache key this credential is cached under. */
    String cacheKey() {
        return cacheKey;
    }

    ConfiguredSettings settings() {
        return settings;
    }

    CredentialSource source() {
        return source;
    }

    CachedCredential cached() {
        return cached;
    }

    CredentialCache.Slot slot() {
        return slot;
    }

    CredentialCache.State state() {
        return state;
    }

    long servableUntil() {
        return servableUntil;
    }
}
