package dev.tollgate.engine;

import dev.tollgate.api.CredentialsRejectedException;
import dev.tollgate.spi.Redaction;
import dev.tollgate.spi.Secret;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.client.ClientResponseFilter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.logging.Logger;

/**
 * What a 401 (or a 403 the provider recognises as a refusal of the credentials) on a request that
 * carried Tollgate credentials means:
 * <ol>
 *   <li>the credentials that request used are dropped from the cache, but only if no other call
 *       has replaced them meanwhile (compare-and-invalidate);</li>
 *   <li>for a tenant from the tenant store, the store is read again: when it holds other values by
 *       now (another server saved the tenant), the tenant is dropped here, and the request is
 *       sent once more with them when it can be repeated;</li>
 *   <li>a request with only renewable credentials is sent once more, with fresh ones, when it is
 *       safe to repeat ({@link RequestReplay});</li>
 *   <li>otherwise, and when the repeat is refused too, a {@link CredentialsRejectedException}
 *       carries the vendor's explanation. Never a second repeat; a static credential's 401 is final.</li>
 * </ol>
 */
final class RejectionFilter implements ClientResponseFilter {

    private static final Logger LOG = Logger.getLogger(RejectionFilter.class.getName());
    private static final int MAX_ERROR_BODY = 64 * 1024;
    /** For a stored tenant changed since it was loaded, when the refused request could not be repeated. */
    static final String SAVED_ELSEWHERE_ADVICE = "The tenant store holds other values for this tenant by now (saved or"
            + " removed elsewhere), but this request's body can be sent once only, so it was not repeated with them:"
            + " send it again, and it goes with the stored values.";

    /** Marks a request that was sent once more: a refusal coming out of the repeat was told there. */
    private static final String REPEATED = "dev.tollgate.repeated";

    private final BoundClient client;
    private final CredentialCache cache;

    RejectionFilter(BoundClient client, CredentialCache cache) {
        this.client = client;
        this.cache = cache;
    }

    @Override
    public void filter(ClientRequestContext request, ClientResponseContext response) throws IOException {
        int status = response.getStatus();
        if (status != 401 && status != 403) {
            if (cache.events().anyRefused()) { // the hot path's one check: a refused credential may work again
                tellAnswered(request);
            }
            return;
        }
        List<AttachedCredential> attached = AttachedCredential.on(request);
        if (attached == null) {
            return;
        }
        try {
            judge(request, response, status, attached);
        } catch (CredentialsRejectedException e) {
            if (request.getProperty(REPEATED) == null) { // a repeat's refusal was told by the repeat's own filter
                cache.events().refusedByApi(attached, e, request.getUri());
            }
            throw e;
        }
    }

    private void tellAnswered(ClientRequestContext request) {
        List<AttachedCredential> attached = AttachedCredential.on(request);
        if (attached != null) {
            cache.events().answered(attached);
        }
    }

    private void judge(ClientRequestContext request, ClientResponseContext response, int status,
                       List<AttachedCredential> attached) throws IOException {
        ConfiguredSettings settings = attached.get(0).settings();
        if (status == 403) {
            String body = readBody(response);
            var refusal = client.protocol().credentialRefusal(403, body);
            if (refusal.isPresent()) {
                throw new CredentialsRejectedException(settings.ref(), 403, withoutSecrets(refusal.get(), attached),
                        settings.rejectionAdvice(client.protocol()));
            }
            if (cache.events().anyRefused()) { // a 403 of another kind: the credential itself was accepted
                cache.events().answered(attached);
            }
            return;
        }
        for (AttachedCredential a : attached) {
            if (cache.invalidate(a.key(), a.cached())) {
                LOG.fine(settings.ref().describe() + ": " + a.source().name() + " rejected with 401; dropped from the cache");
            }
        }
        // read whether or not the request can be repeated: the tenant is dropped when changed, so
        // that the next call goes with the store's values, not with the ones just refused
        boolean savedElsewhere = settings.isStored() && !RequestReplay.isReplay(request)
                && client.changedSince(settings.ref().tenant().orElseThrow(), attached.get(0).key().revision());
        if (savedElsewhere && RequestReplay.isRepeatable(request)) {
            // another server saved or removed this tenant since this one loaded it: the repeat
            // loads the store's values (or refuses a removed tenant before sending anything)
            LOG.fine(settings.ref().describe() + ": rejected with 401, and the tenant store holds other values by now;"
                    + " repeating the request once with them");
            repeat(request, response, attached);
            return;
        }
        boolean renewable = attached.stream().noneMatch(a -> a.source().isStatic());
        if (renewable && !RequestReplay.isReplay(request) && RequestReplay.isRepeatable(request)) {
            LOG.fine(settings.ref().describe() + ": repeating the request once with fresh credentials");
            repeat(request, response, attached);
            return; // the repeat's own filters judged its answer; a second 401 has thrown there
        }
        String body = readBody(response);
        String detail = client.protocol().errorDetail(401, body).map(d -> withoutSecrets(d, attached)).orElse(null);
        throw new CredentialsRejectedException(settings.ref(), 401, detail,
                savedElsewhere ? SAVED_ELSEWHERE_ADVICE : settings.rejectionAdvice(client.protocol()));
    }

    /** Sends the request once more (counted), and marks it repeated whatever the repeat does. */
    private void repeat(ClientRequestContext request, ClientResponseContext response, List<AttachedCredential> attached) {
        cache.events().repeated(attached);
        try {
            RequestReplay.replayInto(request, response, attached);
        } finally {
            // set after the repeat copied the request's properties: the repeat's own refusal is its to tell
            request.setProperty(REPEATED, Boolean.TRUE);
        }
    }

    /**
     * The first 64 KiB of the body, for the vendor's explanation; the application still reads
     * the whole body (those bytes, then the rest of the stream).
     */
    private static String readBody(ClientResponseContext response) throws IOException {
        if (!response.hasEntity()) {
            return "";
        }
        InputStream in = response.getEntityStream();
        byte[] bytes = in.readNBytes(MAX_ERROR_BODY);
        response.setEntityStream(new SequenceInputStream(new ByteArrayInputStream(bytes), in));
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * A vendor that echoes the rejected token in its message must not make us log it: the whole
     * token becomes its masked form (which names it for whoever compares with the cache view), then
     * any other spelling or 8-character piece of it goes too (a vendor may quote it cut short).
     */
    private static String withoutSecrets(String detail, List<AttachedCredential> attached) {
        String clean = detail;
        Secret[] values = new Secret[attached.size()];
        for (int i = 0; i < values.length; i++) {
            Secret value = attached.get(i).cached().credential().value();
            values[i] = value;
            if (!value.reveal().isEmpty()) {
                clean = clean.replace(value.reveal(), value.masked());
            }
        }
        return Redaction.redact(clean, values);
    }
}
