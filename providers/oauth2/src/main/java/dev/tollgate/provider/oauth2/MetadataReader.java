package dev.tollgate.provider.oauth2;

import dev.tollgate.spi.TokenEndpoint;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Reads an issuer's metadata: OpenID Connect Discovery's {@code /.well-known/openid-configuration}
 * first, then RFC 8414's {@code /.well-known/oauth-authorization-server}. The second is asked only
 * when the first answered without a document (404, another refusal, a page that is not metadata):
 * a server that is down or busy (no answer, 408, 429, 5xx) would be as down at the other path,
 * and asking it again would double the wait. An answer that has not ended by the token request's
 * deadline is given up: the client's read timeout bounds each read only, and a server that sends a
 * byte now and then would otherwise hold the read (and the cached read others wait for) for ever.
 */
final class MetadataReader {

    /** Metadata documents are a few KiB; a larger answer is not read into memory. */
    private static final int MAX_BODY = 64 * 1024;

    private MetadataReader() {
    }

    /** @throws DiscoveryException when neither path gives a document by {@code deadline} ({@link System#nanoTime()}) */
    static Metadata read(Issuer issuer, Client http, long deadline) {
        Answer first = get(http, issuer.openIdConfiguration(), deadline);
        if (first.metadata().isPresent()) {
            return first.metadata().get();
        }
        if (first.unavailable()) {
            throw new DiscoveryException("the authorization server's metadata for issuer " + issuer + " could not be read: "
                    + first.problem(), first.retryAfter());
        }
        Answer second = get(http, issuer.authorizationServerMetadata(), deadline);
        if (second.metadata().isPresent()) {
            return second.metadata().get();
        }
        throw new DiscoveryException("the authorization server's metadata for issuer " + issuer + " could not be read: "
                + first.problem() + "; " + second.problem(), second.retryAfter());
    }

    /** One well-known URL's answer: a document, or what went wrong and whether the server is unavailable. */
    private record Answer(Optional<Metadata> metadata, String problem, boolean unavailable, Duration retryAfter) {

        static Answer of(Metadata metadata) {
            return new Answer(Optional.of(metadata), null, false, null);
        }

        static Answer failed(URI url, String what, boolean unavailable, Duration retryAfter) {
            return new Answer(Optional.empty(), url + " " + what, unavailable, retryAfter);
        }
    }

    private static Answer get(Client http, URI url, long deadline) {
        Response response;
        try {
            response = http.target(url).request(MediaType.APPLICATION_JSON_TYPE).get();
        } catch (ProcessingException e) {
            return Answer.failed(url, "could not be reached (" + rootName(e) + ")", true, null);
        }
        try (response) {
            int status = response.getStatus();
            if (status == 408 || status == 429 || status >= 500) {
                return Answer.failed(url, "answered HTTP " + status, true, retryAfter(response.getHeaderString("Retry-After")));
            }
            if (status / 100 != 2) {
                // redirects are not followed: a document served from elsewhere is not this issuer's
                return Answer.failed(url, "answered HTTP " + status, false, null);
            }
            Optional<String> body;
            try {
                body = body(response, deadline);
            } catch (Unfinished e) {
                return Answer.failed(url, "did not finish its answer within the token request's time (token-fetch-timeout)",
                        true, null);
            }
            if (body.isEmpty()) {
                return Answer.failed(url, "answered with more than 64 KiB", false, null);
            }
            // JSON-B as the token answers are read; an unreadable body is empty, never quoted
            Optional<Metadata> metadata = TokenEndpoint.errorJson(body.get(), DiscoveryDocument.class)
                    .flatMap(document -> Metadata.of(document, url));
            return metadata.map(Answer::of).orElseGet(() -> Answer.failed(url,
                    "answered with something that is not authorization server metadata (JSON with issuer and token_endpoint)",
                    false, null));
        } catch (ProcessingException e) {
            return Answer.failed(url, "could not be read (" + rootName(e) + ")", true, null);
        }
    }

    /** An answer whose body had not ended by the deadline. */
    private static final class Unfinished extends Exception {
        private static final long serialVersionUID = 1L;

        Unfinished() {
            super(null, null, false, false);
        }
    }

    /**
     * The body; empty when over {@link #MAX_BODY}.
     *
     * @throws Unfinished when it has not ended by {@code deadline}
     */
    private static Optional<String> body(Response response, long deadline) throws Unfinished {
        if (!response.hasEntity()) {
            return Optional.of("");
        }
        try (InputStream in = response.readEntity(InputStream.class)) {
            byte[] bytes = new byte[MAX_BODY + 1];
            int length = 0;
            while (length < bytes.length) {
                if (deadline - System.nanoTime() <= 0) {
                    throw new Unfinished();
                }
                int read = in.read(bytes, length, bytes.length - length); // returns within the read timeout
                if (read < 0) {
                    break;
                }
                length += read;
            }
            return length > MAX_BODY ? Optional.empty() : Optional.of(new String(bytes, 0, length, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ProcessingException(e);
        }
    }

    private static Duration retryAfter(String header) {
        try {
            long seconds = header == null ? -1 : Long.parseLong(header.trim());
            return seconds >= 0 ? Duration.ofSeconds(seconds) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String rootName(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName();
    }
}
