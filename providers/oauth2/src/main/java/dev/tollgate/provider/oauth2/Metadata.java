package dev.tollgate.provider.oauth2;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * An authorization server's metadata as read, before this client's checks: what it says, and
 * where it was read.
 *
 * @param issuer        the document's {@code issuer}, unchecked
 * @param tokenEndpoint the document's {@code token_endpoint}, unchecked
 * @param authMethods   {@code token_endpoint_auth_methods_supported}; empty when the document has none
 * @param readFrom      the well-known URL that served it
 */
record Metadata(String issuer, String tokenEndpoint, Optional<List<String>> authMethods, URI readFrom) {

    static Optional<Metadata> of(DiscoveryDocument document, URI readFrom) {
        if (document == null || document.issuer == null || document.token_endpoint == null) {
            return Optional.empty();
        }
        return Optional.of(new Metadata(document.issuer, document.token_endpoint,
                Optional.ofNullable(document.token_endpoint_auth_methods_supported).map(List::copyOf), readFrom));
    }
}
