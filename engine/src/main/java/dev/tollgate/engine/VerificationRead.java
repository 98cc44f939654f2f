package dev.tollgate.engine;

import dev.tollgate.api.TokenAcquisitionException;
import dev.tollgate.api.TollgateConfigException;
import dev.tollgate.api.TollgateException;
import dev.tollgate.api.UnsafeRequestException;
import dev.tollgate.spi.ClientProtocol;
import dev.tollgate.spi.Credential;
import dev.tollgate.spi.CredentialSource;
import dev.tollgate.spi.HeaderSafety;
import dev.tollgate.spi.Secret;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Sends the read a provider verifies credentials with ({@code CredentialVerification.request}):
 * to a path below the candidate's base URL, only to an origin the protocol allows for the
 * candidate, with the credentials the protocol picks for that read, obtained without the cache,
 * once, with the engine's timeouts and no redirects.
 */
final class VerificationRead {

    private static final int MAX_BODY = 64 * 1024;

    private final BoundClient client;
    private final ConfiguredSettings candidate;
    private final UncachedCredentials credentials;
    private final Deadline deadline;

    VerificationRead(BoundClient client, ConfiguredSettings candidate, UncachedCredentials credentials, Deadline deadline) {
        this.client = client;
        this.candidate = candidate;
        this.credentials = credentials;
        this.deadline = deadline;
    }

    void send(String method, String path) {
        ClientProtocol protocol = client.protocol();
        URI target = UriBuilder.fromUri(candidate.baseUrl()).path(path).replaceQuery(null).fragment(null).build();
        requireAllowedOrigin(target);
        List<CredentialSource> sources = protocol.credentialsFor(new VerificationRequest(method, target, candidate));
        if (sources.isEmpty()) {
            // an answer to a read without credentials says nothing about them
            throw new TollgateConfigException(candidate.ref(), "provider " + client.provider().id() + " verifies credentials"
                    + " with a read that carries none; nothing was sent. Report this to the provider's authors.");
        }
        List<Secret> sent = new ArrayList<>();
        Client http = TollgateHttp.newClient(candidate, deadline.left());
        try {
            for (ClientRequestFilter filter : protocol.filters()) {
                http.register(filter); // the provider's own headers (an API version), as on every call
            }
            Invocation.Builder request = http.target(target).request();
            for (CredentialSource source : sources) {
                Credential credential = credentials.get(source);
                sent.add(credential.value());
                for (Map.Entry<String, String> header : source.headers(credential).entrySet()) {
                    if (!HeaderSafety.isSafe(header.getKey()) || !HeaderSafety.isSafe(header.getValue())) {
                        throw new TokenAcquisitionException(candidate.ref(), "the " + source.name() + " holds a line break,"
                                + " a control character or a non-ASCII character, and is never sent. Nothing was stored.", null);
                    }
                    request.header(header.getKey(), header.getValue());
                }
            }
            try (Response response = request.method(method)) {
                VerificationAnswer.judge(client, candidate, !"HEAD".equals(method), response.getStatus(), response.getMediaType(),
                        firstBytes(response), sent, target, sources.stream().map(CredentialSource::name).toList());
            }
        } catch (TollgateException e) {
            throw e;
        } catch (ProcessingException e) {
            throw VerificationAnswer.unavailable(candidate, "the vendor could not be reached (" + rootCause(e) + ")", null);
        } finally {
            http.close();
        }
    }

    /** As on every call: credentials go only to the origins the protocol allows for these settings. */
    private void requireAllowedOrigin(URI target) {
        List<URI> allowed = candidate.allowedOrigins(client.protocol());
        for (URI origin : allowed) {
            if (OriginPolicy.sameOrigin(origin, target)) {
                return;
            }
        }
        throw new UnsafeRequestException(candidate.ref(), "refused to send credentials to " + OriginPolicy.origin(target)
                + " to verify them; only " + allowed.stream().map(OriginPolicy::origin).toList() + " receives them. Nothing was sent.");
    }

    /** The kind of failure, never its message (which may quote a URL or what was received). */
    private static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName();
    }

    private static String firstBytes(Response response) {
        if (!response.hasEntity()) {
            return "";
        }
        try (InputStream in = response.readEntity(InputStream.class)) {
            return new String(in.readNBytes(MAX_BODY), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ProcessingException(e);
        }
    }
}
