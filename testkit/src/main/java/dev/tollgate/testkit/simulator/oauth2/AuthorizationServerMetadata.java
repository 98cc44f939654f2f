package dev.tollgate.testkit.simulator.oauth2;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The simulated server's metadata (RFC 8414 §2; the same document at OpenID Connect Discovery
 * 1.0's path, as Keycloak, Okta and Entra serve both): its issuer ({@code <base>/oauth2}, the
 * base URL the request came to), its token endpoint, the client authentication methods its
 * registered clients use and its grant types. A test switches what is served: one path only,
 * another issuer (a server answering for someone else), or a failure status.
 */
public final class AuthorizationServerMetadata {

    /** The two well-known locations. */
    public enum Location {
        /** OpenID Connect Discovery 1.0 §4: {@code <issuer>/.well-known/openid-configuration}. */
        OPENID_CONFIGURATION,
        /** RFC 8414 §3.1: {@code /.well-known/oauth-authorization-server/oauth2}. */
        OAUTH_AUTHORIZATION_SERVER
    }

    /** RFC 8414 §2 members; null ones are left out. Public: Yasson cannot write a package-private record. */
    public record Document(String issuer, String token_endpoint, List<String> token_endpoint_auth_methods_supported,
                           List<String> grant_types_supported, List<String> response_types_supported) {
    }

    private static final Jsonb JSON = JsonbBuilder.create();

    private final OAuth2Clients clients;
    private final Map<Location, AtomicInteger> reads = new ConcurrentHashMap<>();
    private volatile List<Location> served = List.of(Location.values());
    private volatile String announcedIssuer;
    private volatile int failure;
    private volatile String announcedTokenEndpoint;
    private volatile CountDownLatch hold;
    private volatile String garbled;
    private final AtomicReference<Trickle> trickleNext = new AtomicReference<>();

    /** How the next read trickles: a blank every {@code interval} until {@code stop} opens. */
    private record Trickle(Duration interval, CountDownLatch stop) {
    }

    AuthorizationServerMetadata(OAuth2Clients clients) {
        this.clients = clients;
    }

    /** Serves the metadata at these locations only (both by default); the others answer 404. */
    public AuthorizationServerMetadata serveAt(Location... locations) {
        served = List.of(locations);
        return this;
    }

    /** Names this issuer in the document instead of its own (null: its own again). */
    public AuthorizationServerMetadata announceIssuer(String issuer) {
        announcedIssuer = issuer;
        return this;
    }

    /** Names this token endpoint in the document instead of its own (null: its own again). */
    public AuthorizationServerMetadata announceTokenEndpoint(String tokenEndpoint) {
        announcedTokenEndpoint = tokenEndpoint;
        return this;
    }

    /**
     * Holds every read (counted on arrival) until {@code release} opens, at most 30 s: a slow
     * server whose end the test decides.
     */
    public AuthorizationServerMetadata holdReads(CountDownLatch release) {
        hold = release;
        return this;
    }

    /**
     * The next read's answer (200, the document) trickles in: its status and headers at once, then
     * a blank every {@code interval} before the document, until {@code stop} opens (at most 60 s),
     * as an overloaded server or proxy does. Later reads are answered as usual.
     */
    public AuthorizationServerMetadata trickleNextRead(Duration interval, CountDownLatch stop) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("a trickle interval is longer than zero");
        }
        trickleNext.set(new Trickle(interval, stop));
        return this;
    }

    /** Answers every read with this status (an RFC 6749 style error body) until {@link #recover()}. */
    public AuthorizationServerMetadata failWith(int status) {
        failure = status;
        return this;
    }

    /** Answers every read with 200 and this body, labelled JSON (an error page, a proxy's answer) until {@link #recover()}. */
    public AuthorizationServerMetadata garble(String body) {
        garbled = body;
        return this;
    }

    /** Ends {@link #failWith} and {@link #garble}. */
    public AuthorizationServerMetadata recover() {
        failure = 0;
        garbled = null;
        return this;
    }

    /** Reads of either location, whatever the answer. */
    public int reads() {
        return reads.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    public int reads(Location location) {
        AtomicInteger count = reads.get(location);
        return count == null ? 0 : count.get();
    }

    /** This server's issuer identifier for a request that came to {@code base}. */
    public static String issuer(UriInfo uri) {
        return uri.getBaseUri().resolve("oauth2").toString();
    }

    Response answer(Location location, UriInfo uri) {
        reads.computeIfAbsent(location, l -> new AtomicInteger()).incrementAndGet();
        CountDownLatch release = hold;
        if (release != null) {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (failure != 0) {
            return OAuth2Errors.tokenError(failure, failure >= 500 ? "server_error" : "invalid_request", "Simulated failure");
        }
        String body = garbled;
        if (body != null) {
            return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).build();
        }
        if (!served.contains(location)) {
            return Response.status(404).build();
        }
        String own = issuer(uri);
        List<String> methods = clients.authMethods().stream().map(m -> m.name().toLowerCase(Locale.ROOT)).sorted().toList();
        Document document = new Document(announcedIssuer != null ? announcedIssuer : own,
                announcedTokenEndpoint != null ? announcedTokenEndpoint : own + "/token", methods,
                List.of("client_credentials", "refresh_token"), List.of());
        Trickle trickle = trickleNext.getAndSet(null);
        if (trickle != null) {
            return Response.ok(trickled(JSON.toJson(document), trickle), MediaType.APPLICATION_JSON_TYPE).build();
        }
        return Response.ok(JSON.toJson(document), MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** Blanks before the document (JSON allows them): a client that waits for the end gets valid metadata. */
    private static StreamingOutput trickled(String json, Trickle trickle) {
        return out -> {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            // past the server's response buffer, so that the status and headers leave at once
            out.write(" ".repeat(16 * 1024).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            try {
                while (System.nanoTime() < end && !trickle.stop().await(trickle.interval().toMillis(), TimeUnit.MILLISECONDS)) {
                    out.write(' ');
                    out.flush();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            out.write(json.getBytes(StandardCharsets.UTF_8));
        };
    }
}
