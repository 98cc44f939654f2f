package dev.tollgate.engine;

import dev.tollgate.api.CredentialsRejectedException;
import dev.tollgate.spi.ClientProtocol;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.client.ClientResponseFilter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.logging.Logger;

/**
 * Turns a 401 on a request that carried Tollgate credentials into a
 * {@link CredentialsRejectedException} with the vendor's explanation, after invalidating the
 * credentials that request used (only if no other call has replaced them meanwhile), so that
 * the next call reads them again.
 */
final class RejectionFilter implements ClientResponseFilter {

    private static final Logger LOG = Logger.getLogger(RejectionFilter.class.getName());
    private static final int MAX_ERROR_BODY = 64 * 1024;

    private final BoundClient client;
    private final CredentialCache cache;

    RejectionFilter(BoundClient client, CredentialCache cache) {
        this.client = client;
        this.cache = cache;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void filter(ClientRequestContext request, ClientResponseContext response) throws IOException {
        Object property = request.getProperty(AuthenticationFilter.ATTACHED);
        if (response.getStatus() != 401 || !(property instanceof List<?>)) {
            return;
        }
        List<AttachedCredential> attached = (List<AttachedCredential>) property;
        ConfiguredSettings settings = attached.get(0).settings();
        for (AttachedCredential a : attached) {
            if (cache.invalidate(a.key(), a.cached())) {
                LOG.fine(settings.ref().describe() + ": " + a.source().kind() + " rejected with 401; dropped from the cache");
            }
        }
        String body = readBody(response);
        ClientProtocol protocol = client.protocol();
        String detail = protocol.errorDetail(401, body).map(d -> withoutSecrets(d, attached)).orElse(null);
        throw new CredentialsRejectedException(settings.ref(), 401, detail, protocol.rejectionAdvice(settings));
    }

    private static String readBody(ClientResponseContext response) throws IOException {
        if (!response.hasEntity()) {
            return "";
        }
        try (InputStream in = response.getEntityStream()) {
            byte[] bytes = in.readNBytes(MAX_ERROR_BODY);
            response.setEntityStream(new ByteArrayInputStream(bytes));
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** A vendor that echoes the rejected token in its message must not make us log it. */
    private static String withoutSecrets(String detail, List<AttachedCredential> attached) {
        String clean = detail;
        for (AttachedCredential a : attached) {
            String value = a.cached().credential().value().reveal();
            if (!value.isEmpty()) {
                clean = clean.replace(value, a.cached().credential().value().masked());
            }
        }
        return clean;
    }
}
