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
 * and asking it again would double the wait.
 */
final class MetadataReader {

    /** Metadata documents are a few KiB; a larger answer is not read into memory. */
    private static final int MAX_BODY = 64 * 1024;

    private MetadataReader() {
    }

    /** @throws DiscoveryException when neither path gives a document */
    static Metadata read(Issuer issuer, Client http) {
        Answer first = get(http, issuer.openIdConfiguration());
        if (first.metadata().isPresent()) {
            return first.metadata().get();
        }
        if (first.unavailable()) {
            throw new DiscoveryException("the authorization server's metadata for issuer " + issuer + " could not be read: "
                    + first.problem(), first.retryAfter());
        }
        Answer second = get(http, issuer.authorizationServerMetadata());
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

    private static Answer get(Client http, URI url) {
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
            Optional<String> body = body(response);
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

    private static Optional<String> body(Response response) {
        if (!response.hasEntity()) {
            return Optional.of("");
        }
        try (InputStream in = response.readEntity(InputStream.class)) {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            return bytes.length > MAX_BODY ? Optional.empty() : Optional.of(new String(bytes, StandardCharsets.UTF_8));
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
