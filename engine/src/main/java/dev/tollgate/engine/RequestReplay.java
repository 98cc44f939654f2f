package dev.tollgate.engine;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientResponseContext;
import dev.tollgate.api.Tollgate;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.GenericEntity;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Sends a request a second time, through the same JAX-RS client and so through Tollgate's filters
 * again (which attach a fresh credential), and puts the second answer in place of the first.
 * Only a request whose entity can be sent twice is repeated: none, or an object that is
 * serialized again (not a stream).
 */
final class RequestReplay {

    /** Marks the repeat, so that its own 401 is final. */
    static final String REPLAY = "dev.tollgate.replay";

    private static final Set<String> NOT_COPIED = Set.of("content-length", "content-type", "host");

    private RequestReplay() {
    }

    static boolean isReplay(ClientRequestContext request) {
        return request.getProperty(REPLAY) != null;
    }

    /**
     * An entity that can be written twice: none, or an object serialized again. Not a stream, nor
     * what holds streams: multipart entities (a {@code List<EntityPart>}, whose parts are read
     * once; the implementations' own multipart types) and Jakarta Activation data sources.
     */
    static boolean isRepeatable(ClientRequestContext request) {
        Object entity = request.getEntity();
        if (entity == null) {
            return true;
        }
        if (entity instanceof InputStream || entity instanceof Reader || entity instanceof StreamingOutput
                || entity instanceof EntityPart) {
            return false;
        }
        if (entity instanceof Collection<?> items && items.stream().anyMatch(item -> item instanceof EntityPart)) {
            return false;
        }
        return !holdsStreams(entity.getClass());
    }

    /** Multipart and data-source types known by name, so that no implementation is a dependency. */
    private static boolean holdsStreams(Class<?> type) {
        for (Class<?> t = type; t != null && t != Object.class; t = t.getSuperclass()) {
            String name = t.getName().toLowerCase(Locale.ROOT);
            if (name.contains("multipart")) {
                return true;
            }
            for (Class<?> i : t.getInterfaces()) {
                if (i.getName().equals("jakarta.activation.DataSource") || i.getName().equals("javax.activation.DataSource")) {
                    return true;
                }
            }
        }
        return false;
    }

    static void replayInto(ClientRequestContext request, ClientResponseContext response, List<AttachedCredential> attached) {
        Set<String> credentialHeaders = attached.stream().flatMap(a -> a.cached().headers().keySet().stream())
                .map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        Invocation.Builder repeat = request.getClient().target(request.getUri()).request();
        request.getStringHeaders().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!NOT_COPIED.contains(lower) && !credentialHeaders.contains(lower)) {
                values.forEach(v -> repeat.header(name, v));
            }
        });
        for (String name : request.getPropertyNames()) {
            if (!name.equals(AttachedCredential.PROPERTY)) {
                repeat.property(name, request.getProperty(name));
            }
        }
        repeat.property(REPLAY, Boolean.TRUE);
        // the same tenant as the first attempt, whatever the thread's scope says by now
        String tenant = attached.get(0).key().tenant();
        repeat.property(Tollgate.TENANT_PROPERTY, tenant.isEmpty() ? null : tenant);
        discard(response.getEntityStream()); // the 401's body is not needed: free the connection
        Response second = request.hasEntity()
                ? repeat.method(request.getMethod(), Entity.entity(
                        new GenericEntity<>(request.getEntity(), request.getEntityType()), request.getMediaType(),
                        request.getEntityAnnotations()))
                : repeat.method(request.getMethod());
        response.setStatus(second.getStatus());
        response.getHeaders().clear();
        second.getStringHeaders().forEach((name, values) -> response.getHeaders().addAll(name, values));
        if (second.hasEntity()) {
            response.setEntityStream(second.readEntity(InputStream.class));
        } else {
            response.getHeaders().remove(HttpHeaders.CONTENT_LENGTH);
            response.setEntityStream(InputStream.nullInputStream());
            second.close();
        }
    }

    /** How much of a 401's body is read to be discarded; a longer one is cut off by closing it. */
    private static final int DISCARDED_AT_MOST = 64 * 1024;
    /** How long it may take; a body trickling in more slowly is cut off by closing it. */
    private static final long DISCARDING_NANOS_AT_MOST = 1_000_000_000L;

    /**
     * Reads the rest of the 401's body (each read bounded by the client's read timeout), so that
     * its connection can serve again. Not closed: in RESTEasy, closing the entity stream closes
     * the response itself, and the repeated answer set into it could no longer be read. A body
     * longer than {@link #DISCARDED_AT_MOST}, or still coming after a second, is closed instead
     * (fine in Jersey; in RESTEasy such a 401 leaves the repeated answer unreadable, which no
     * vendor's short error body comes near).
     */
    private static void discard(InputStream in) {
        if (in == null) {
            return;
        }
        try {
            byte[] buffer = new byte[8192];
            int read = 0;
            long started = System.nanoTime();
            for (int n; (n = in.read(buffer)) >= 0; ) {
                read += n;
                if (read > DISCARDED_AT_MOST || System.nanoTime() - started > DISCARDING_NANOS_AT_MOST) {
                    in.close();
                    return;
                }
            }
        } catch (IOException e) {
            // the first answer is discarded anyway
        }
    }
}
